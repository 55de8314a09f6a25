import type { EntityType, Role } from '../dataset/schema';
import { formatPartialDate, parsePartialDate, partialDateKey, type PartialDate } from '../dates/partial-date';

export interface TimelineRow {
  role: Role;
  /** "Oct 2015 – Dec 2022", "since May 2015", "until 2019", or "" when the sources give no date. */
  label: string;
  inferred: boolean;
}

/**
 * A person's roles as a reader scans them: what they do now first, then what
 * they did, most recent first. Roles the sources give no date for say nothing
 * about order, so they go last, in dataset order.
 */
export function roleTimeline({ roles, locale }: { roles: readonly Role[]; locale?: string }): TimelineRow[] {
  return roles
    .map((role, order) => ({ role, order, start: parse(role.start), end: parse(role.end) }))
    .sort((a, b) => compareNewestFirst(a, b) || a.order - b.order)
    .map(({ role, start, end }) => ({ role, label: dateLabel({ start, end, locale }), inferred: role.inferred === true }));
}

const TYPE_LABELS: Record<EntityType, string> = {
  person: 'Person',
  organization: 'Organization',
  place: 'Place',
  event: 'Event',
};

export function entityTypeLabel(type: EntityType): string {
  return TYPE_LABELS[type];
}

interface Dated {
  start: PartialDate | null;
  end: PartialDate | null;
}

function parse(text: string | undefined): PartialDate | null {
  return text === undefined ? null : parsePartialDate(text);
}

/** An open-ended role has not ended, so it ranks as if it ended in the future. */
function endRank({ start, end }: Dated): number {
  if (end) return partialDateKey(end);
  return start ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

function startRank({ start }: Dated): number {
  return start ? partialDateKey(start) : Number.NEGATIVE_INFINITY;
}

function compareNewestFirst(a: Dated, b: Dated): number {
  const undated = Number(!a.start && !a.end) - Number(!b.start && !b.end);
  if (undated !== 0) return undated;
  return descending(endRank(a), endRank(b)) || descending(startRank(a), startRank(b));
}

function descending(a: number, b: number): number {
  // Infinity - Infinity is NaN, so compare rather than subtract.
  return a === b ? 0 : a > b ? -1 : 1;
}

function dateLabel({ start, end, locale }: Dated & { locale: string | undefined }): string {
  const from = start ? formatPartialDate({ date: start, locale }) : null;
  const to = end ? formatPartialDate({ date: end, locale }) : null;
  if (from !== null && to !== null) return from === to ? from : `${from} – ${to}`;
  if (from !== null) return `since ${from}`;
  if (to !== null) return `until ${to}`;
  return '';
}
