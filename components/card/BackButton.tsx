import { trusted } from '../../overlay/trusted';
import { t } from '../../utils/i18n';

/** Returns to the card this one was opened from (an organization's, from its People section). */
export function BackButton({ onBack }: { onBack(): void }) {
  return (
    <button type="button" class="fl-back" onClick={trusted(() => onBack())}>
      <span aria-hidden="true">‹ </span>
      {t('cardBack')}
    </button>
  );
}
