import { isPartialDate } from '../dates/partial-date';

/**
 * A date as a foreign format writes it, as a partial date: "2015", "2015-10",
 * "2015-10-07", or a timestamp cut to its day. Undefined when absent; null
 * when present but not a date the format can hold.
 */
export function partialDate(value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const date = /^\d{4}-\d{2}-\d{2}T/.test(text) ? text.slice(0, 10) : text;
  return isPartialDate(date) ? date : null;
}

/**
 * A Wikibase time value at its stated precision: 9 year, 10 month, 11 day
 * (or finer, cut to the day). Coarser precisions (decade, century) and
 * years before 1 are not partial dates: null.
 */
export function wikibaseDate(value: { time?: unknown; precision?: unknown }): string | null {
  const match = typeof value.time === 'string' ? /^\+(\d{4})-(\d{2})-(\d{2})T/.exec(value.time) : null;
  const precision = typeof value.precision === 'number' ? value.precision : -1;
  if (!match || precision < 9) return null;
  const [, y, m, d] = match;
  const date = precision === 9 ? y! : precision === 10 ? `${y}-${m}` : `${y}-${m}-${d}`;
  return isPartialDate(date) ? date : null;
}
