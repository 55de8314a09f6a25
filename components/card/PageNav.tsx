import { trusted } from '../../overlay/trusted';
import { plural, t } from '../../utils/i18n';
import type { EntityCardProps } from './EntityCard';

type PageNavProps = NonNullable<EntityCardProps['onPage']>;

/** Stepping through this entity's mentions on the page: the card follows, so the reader need not hunt for them. */
export function PageNav({ index, total, onPrevious, onNext }: PageNavProps) {
  const alone = total < 2;
  return (
    <footer class="fl-footer">
      <span class="fl-count">{plural(total, 'navMentionsOne', 'navMentionsOther')}</span>
      <span class="fl-nav">
        <button type="button" class="fl-nav-button" aria-label={t('navPreviousLabel')} disabled={alone} onClick={trusted(onPrevious)}>
          {t('navPrevious')}
        </button>
        <span class="fl-position" aria-live="polite">
          {t('navPosition', index + 1, total)}
        </span>
        <button type="button" class="fl-nav-button" aria-label={t('navNextLabel')} disabled={alone} onClick={trusted(onNext)}>
          {t('navNext')}
        </button>
      </span>
    </footer>
  );
}
