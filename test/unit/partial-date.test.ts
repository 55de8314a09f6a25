import { describe, expect, it } from 'vitest';
import { endsBeforeStart, formatPartialDate, parsePartialDate } from '../../src/dates/partial-date';

describe('partial dates', () => {
  it('parse at each precision', () => {
    expect(parsePartialDate('2015')).toEqual({ year: 2015 });
    expect(parsePartialDate('2015-10')).toEqual({ year: 2015, month: 10 });
    expect(parsePartialDate('2019-09-10')).toEqual({ year: 2019, month: 9, day: 10 });
  });
  it.each(['15', '2015-1', '2015-13', '2015-00', '2019-02-29', '2015/10', ' 2015', '2015-10-01T00:00'])('reject %s', (s) => {
    expect(parsePartialDate(s)).toBeNull();
  });
  it('accept a leap day', () => {
    expect(parsePartialDate('2020-02-29')).not.toBeNull();
  });
  it('compare by the span each date may mean', () => {
    const d = (s: string) => parsePartialDate(s)!;
    expect(endsBeforeStart(d('2015'), d('2015-06'))).toBe(false);
    expect(endsBeforeStart(d('2015-06'), d('2015'))).toBe(false);
    expect(endsBeforeStart(d('2016'), d('2015-12-31'))).toBe(true);
    expect(endsBeforeStart(d('2015-10-02'), d('2015-10-01'))).toBe(true);
  });
  it('format only the precision given', () => {
    expect(formatPartialDate({ date: { year: 2015 }, locale: 'en-GB' })).toBe('2015');
    expect(formatPartialDate({ date: { year: 2015, month: 10 }, locale: 'en-GB' })).toBe('Oct 2015');
    expect(formatPartialDate({ date: { year: 2019, month: 9, day: 10 }, locale: 'en-GB' })).toBe('10 Sept 2019');
  });
});
