import { t } from '../../utils/i18n';

/** "≈" before a date the dataset inferred from context rather than read from a source. */
export function InferredMark() {
  return (
    <span class="fl-inferred" role="img" aria-label={t('cardDateInferred')} title={t('cardDateInferred')}>
      ≈
    </span>
  );
}
