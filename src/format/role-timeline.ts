import type { Role } from '../dataset/schema';
import { formatPartialDate, parsePartialDate, partialDateKey, type PartialDate } from '../dates/partial-date';
import { asOfDate, type SourceDate } from './as-of';

export interface TimelineRow {
  role: Role;
  /** "Oct 2015 – Dec 2022", "since May 2015", "until 2019", or "" when the sources give no date. */
  label: string;
  inferred: boolean;
  /**
   * For a role with no end: "as of Sep 2021", the publication date of its
   * newest evidence, since the sources say nothing of it after that. Null
   * for a closed span, or when no source of its evidence is dated.
   */
  asOf: { label: string; inferred: boolean } | null;
}

/** Finds a role's sources (dated or not); the card passes what getCards sent with the entity. */
export type SourceLookup = (source: string) => SourceDate | undefined;

/** How a range of dates reads in the reader's language; the card passes its messages (utils/i18n.ts). */
export interface DateRangeWords {
  since(date: string): string;
  until(date: string): string;
  range(from: string, to: string): string;
  asOf(date: string): string;
}

/** The _locales messages DateRangeWords says its words with. */
export type DateRangeMessage = 'roleSince' | 'roleUntil' | 'roleRange' | 'roleAsOf';

/** DateRangeWords from a message lookup: browser.i18n in the extension, a locale's file in tests. */
export function dateRangeWordsFrom(message: (key: DateRangeMessage, ...substitutions: string[]) => string): DateRangeWords {
  return {
    since: (date) => message('roleSince', date),
    until: (date) => message('roleUntil', date),
    range: (from, to) => message('roleRange', from, to),
    asOf: (date) => message('roleAsOf', date),
  };
}

/**
 * A person's roles as a reader scans them: what they do now first, then what
 * they did, most recent first. Roles the sources give no date for say nothing
 * about order, so they go last, in dataset order.
 */
export function roleTimeline({
  roles,
  locale,
  words,
  sourceOf,
}: {
  roles: readonly Role[];
  locale: string;
  words: DateRangeWords;
  sourceOf?: SourceLookup;
}): TimelineRow[] {
  return newestFirst(roles).map(({ role }) => timelineRow({ role, locale, words, sourceOf }));
}

/** One role's dates as a card shows them. */
export function timelineRow({
  role,
  locale,
  words,
  sourceOf,
}: {
  role: Role;
  locale: string;
  words: DateRangeWords;
  sourceOf?: SourceLookup | undefined;
}): TimelineRow {
  const start = parse(role.start);
  const end = parse(role.end);
  const newest = end || !sourceOf ? null : asOfDate({ evidence: role.evidence, sourceOf });
  return {
    role,
    label: dateLabel({ start, end, locale, words }),
    inferred: role.inferred === true,
    asOf: newest && { label: words.asOf(formatPartialDate({ date: newest.date, locale })), inferred: newest.inferred },
  };
}

/** Whether a role is held now as far as the sources know: it has begun and has no end. */
export function isCurrentRole(role: Pick<Role, 'start' | 'end'>): boolean {
  return role.start !== undefined && role.end === undefined;
}

/** Open-ended roles first, then by end, then by start, newest first; undated roles last. */
export function compareRolesNewestFirst(a: Pick<Role, 'start' | 'end'>, b: Pick<Role, 'start' | 'end'>): number {
  return compareNewestFirst({ start: parse(a.start), end: parse(a.end) }, { start: parse(b.start), end: parse(b.end) });
}

/** The roles in timeline order, without labels: the first is a person's main role. */
export function rolesNewestFirst(roles: readonly Role[]): Role[] {
  return newestFirst(roles).map(({ role }) => role);
}

function newestFirst(roles: readonly Role[]): (Dated & { role: Role })[] {
  return roles
    .map((role, order) => ({ role, order, start: parse(role.start), end: parse(role.end) }))
    .sort((a, b) => compareNewestFirst(a, b) || a.order - b.order);
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

function dateLabel({ start, end, locale, words }: Dated & { locale: string; words: DateRangeWords }): string {
  const from = start ? formatPartialDate({ date: start, locale }) : null;
  const to = end ? formatPartialDate({ date: end, locale }) : null;
  if (from !== null && to !== null) return from === to ? from : words.range(from, to);
  if (from !== null) return words.since(from);
  if (to !== null) return words.until(to);
  return '';
}
