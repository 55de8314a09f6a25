import type { Evidence } from '../dataset/schema';
import { parsePartialDate, partialDateKey, type PartialDate } from '../dates/partial-date';

/** What "as of" needs to know of a source: when it was published, and whether that date was inferred. */
export interface SourceDate {
  published?: string | undefined;
  publishedInferred?: boolean | undefined;
}

export interface AsOf {
  date: PartialDate;
  /** The source's publication date was inferred, not printed in it. */
  inferred: boolean;
}

/** More precise dates rank above less precise ones that start on the same day ("2021-09" above "2021"). */
function precision(date: PartialDate): number {
  return date.day !== undefined ? 2 : date.month !== undefined ? 1 : 0;
}

/**
 * How recent the knowledge behind a role is: the publication date of its
 * newest piece of evidence. An open-ended role is only known to hold as of
 * that date, not today. Null when no source of its evidence is dated.
 * A stated date wins over an inferred one of the same day.
 */
export function asOfDate({ evidence, sourceOf }: {
  evidence: readonly Pick<Evidence, 'source'>[];
  sourceOf(source: string): SourceDate | undefined;
}): AsOf | null {
  let best: AsOf | null = null;
  for (const { source } of evidence) {
    const info = sourceOf(source);
    const date = info?.published === undefined ? null : parsePartialDate(info.published);
    if (!date) continue;
    const candidate: AsOf = { date, inferred: info?.publishedInferred === true };
    if (!best || newer(candidate, best)) best = candidate;
  }
  return best;
}

function newer(a: AsOf, b: AsOf): boolean {
  const byDay = partialDateKey(a.date) - partialDateKey(b.date);
  if (byDay !== 0) return byDay > 0;
  const byPrecision = precision(a.date) - precision(b.date);
  if (byPrecision !== 0) return byPrecision > 0;
  return !a.inferred && b.inferred;
}
