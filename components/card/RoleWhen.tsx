import type { TimelineRow } from '../../src/format/role-timeline';
import { t } from '../../utils/i18n';
import { InferredMark } from './InferredMark';

/**
 * A role's dates, "since May 2015", and for a role with no end how recent
 * its newest source is, "· as of ≈Sep 2021"; nothing where the sources date
 * it neither way.
 */
export function RoleWhen({ row }: { row: TimelineRow }) {
  const { label, inferred, asOf } = row;
  if (label === '' && !asOf) return null;
  // One span, so that in the timeline's flex row the two stay together as one item.
  return (
    <span class="fl-role-dates">
      {label !== '' && (
        <span class="fl-role-when">
          {inferred && <InferredMark />}
          {label}
        </span>
      )}
      {asOf && (
        <>
          {/* Outside the unbreakable "as of" part, so a narrow card may break the line here. */}
          {label !== '' && ' '}
          <span class="fl-as-of" title={t('cardAsOfTitle')}>
            {label !== '' && '· '}
            {asOf.inferred && <InferredMark />}
            {asOf.label}
          </span>
        </>
      )}
    </span>
  );
}
