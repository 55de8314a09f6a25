/**
 * ISO partial dates (YYYY, YYYY-MM, YYYY-MM-DD): the precision the sources
 * give, never more. A hand-written parser because no date library keeps
 * "2015" distinct from "2015-01-01", which is the whole point here.
 */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function parsePartialDate(text: string): PartialDate | null {
  const m = PARTIAL.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2] === undefined) return { year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { year, month };
  const day = Number(m[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  return { year, month, day };
}

export function isPartialDate(text: string): boolean {
  return parsePartialDate(text) !== null;
}

/** The first and last day a partial date may mean, as comparable yyyymmdd numbers. */
function span(d: PartialDate): [number, number] {
  const base = d.year * 10000;
  if (d.month === undefined) return [base + 101, base + 1231];
  if (d.day === undefined) return [base + d.month * 100 + 1, base + d.month * 100 + 31];
  const exact = base + d.month * 100 + d.day;
  return [exact, exact];
}

/** Whether `end` certainly lies before `start` ("2015" to "2015-06" is fine; "2016" to "2015" is not). */
export function endsBeforeStart(start: PartialDate, end: PartialDate): boolean {
  return span(end)[1] < span(start)[0];
}

/** Sort key: later dates first when sorted descending; a bare year sorts as its start. */
export function partialDateKey(d: PartialDate): number {
  return span(d)[0];
}

/** "2015", "Oct 2015" or "10 Sep 2019", in the reader's locale. */
export function formatPartialDate({ date, locale }: { date: PartialDate; locale?: string }): string {
  if (date.month === undefined) return String(date.year);
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day ?? 1));
  const options: Intl.DateTimeFormatOptions =
    date.day === undefined
      ? { year: 'numeric', month: 'short', timeZone: 'UTC' }
      : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(utc);
}
