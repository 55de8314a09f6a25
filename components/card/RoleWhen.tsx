import type { TimelineRow } from '../../src/format/role-timeline';
import { InferredMark } from './InferredMark';

/**
 * A role's dates, "since May 2015", and for a role with no end how recent
 * its newest source is, "· as of ≈Sep 2021"; nothing where the sources date
 * it neither way.
 */
export function RoleWhen({ row }: { row: TimelineRow }) {
  const { label, inferred, asOf } = row;
  return (
    <>
      {label !== '' && (
        <span class="fl-role-when">
          {inferred && <InferredMark />}
          {label}
        </span>
      )}
      {asOf && (
        <span class="fl-as-of" title="The date of the newest source: they say nothing of this role after it.">
          {/* A flex row (the role timeline) drops the leading space; running text (People) keeps it. */}
          {label !== '' && ' · '}
          {asOf.inferred && <InferredMark />}
          {asOf.label}
        </span>
      )}
    </>
  );
}
