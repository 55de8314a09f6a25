import { describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import type { Dataset, Role } from '../../src/dataset/schema';
import { formatPartialDate, parsePartialDate } from '../../src/dates/partial-date';
import { asOfDate, type SourceDate } from '../../src/format/as-of';
import { roleTimeline, timelineRow } from '../../src/format/role-timeline';
import { dateRangeWordsIn, LOCALES } from './support/locale-messages';

const words = dateRangeWordsIn(LOCALES.en!);

const lookup = (sources: Record<string, SourceDate>) => (id: string) => sources[id];
const evidence = (...sources: string[]) => sources.map((source) => ({ source, quote: 'q', start: 0, end: 1 }));
const role = (title: string, dates: Partial<Pick<Role, 'start' | 'end'>>, ...sources: string[]): Role => ({ title, evidence: evidence(...sources), ...dates });

describe('asOfDate', () => {
  it('keeps the precision of the source date: year, month or day', () => {
    for (const published of ['2021', '2021-09', '2021-09-14']) {
      const found = asOfDate({ evidence: evidence('s'), sourceOf: lookup({ s: { published } }) });
      expect(found).toEqual({ date: parsePartialDate(published), inferred: false });
    }
  });

  it('carries an inferred publication date as inferred', () => {
    expect(asOfDate({ evidence: evidence('s'), sourceOf: lookup({ s: { published: '2020', publishedInferred: true } }) })).toEqual({
      date: { year: 2020 },
      inferred: true,
    });
  });

  it('takes the newest of several pieces of evidence, whatever their order', () => {
    const sources = { a: { published: '2015' }, b: { published: '2023-01', publishedInferred: true }, c: { published: '2021-09-30' } };
    for (const order of [['a', 'b', 'c'], ['c', 'b', 'a'], ['b', 'a', 'c']]) {
      expect(asOfDate({ evidence: evidence(...order), sourceOf: lookup(sources) })).toEqual({ date: { year: 2023, month: 1 }, inferred: true });
    }
  });

  it('ranks a more precise date of the same start, then a stated one over an inferred one', () => {
    const sources = { year: { published: '2021' }, month: { published: '2021-01', publishedInferred: true }, stated: { published: '2021-01' } };
    expect(asOfDate({ evidence: evidence('year', 'month'), sourceOf: lookup(sources) })?.date).toEqual({ year: 2021, month: 1 });
    expect(asOfDate({ evidence: evidence('month', 'stated'), sourceOf: lookup(sources) })?.inferred).toBe(false);
    expect(asOfDate({ evidence: evidence('stated', 'month'), sourceOf: lookup(sources) })?.inferred).toBe(false);
  });

  it('is null when no source is dated or found', () => {
    expect(asOfDate({ evidence: evidence('undated', 'missing'), sourceOf: lookup({ undated: {} }) })).toBeNull();
  });
});

describe('timelineRow: as of', () => {
  const sourceOf = lookup({ old: { published: '2019-09' }, new: { published: '2021-09', publishedInferred: true } });

  it('dates a role with no end by its newest source, in the reader locale', () => {
    const row = timelineRow({ role: role('CEO', { start: '2015-05' }, 'old', 'new'), locale: 'en-GB', words, sourceOf });
    expect(row.label).toBe('since May 2015');
    expect(row.asOf).toEqual({ label: 'as of Sept 2021', inferred: true });
    expect(timelineRow({ role: role('Undated', {}, 'old'), locale: 'en-US', words, sourceOf }).asOf).toEqual({ label: 'as of Sep 2019', inferred: false });
  });

  it('leaves a closed span as it is', () => {
    for (const dates of [{ start: '2015', end: '2019' }, { end: '2019' }]) {
      expect(timelineRow({ role: role('Ended', dates, 'new'), locale: 'en-GB', words, sourceOf }).asOf).toBeNull();
    }
  });

  it('dates every open-ended role of the bundled dataset by its newest source', () => {
    const dataset = bundled as Dataset;
    const sources = new Map(dataset.sources.map((s) => [s.id, s]));
    const newest = (r: Role) =>
      r.evidence
        .map((ev) => sources.get(ev.source)?.published)
        .filter((d): d is string => d !== undefined)
        .sort()
        .at(-1);
    let open = 0;
    for (const entity of dataset.entities) {
      for (const row of roleTimeline({ roles: entity.roles, locale: 'en-US', words, sourceOf: (id) => sources.get(id) })) {
        if (row.role.end !== undefined) {
          expect(row.asOf).toBeNull();
          continue;
        }
        open++;
        const date = newest(row.role);
        expect(row.asOf?.label).toBe(date && `as of ${formatPartialDate({ date: parsePartialDate(date)!, locale: 'en-US' })}`);
      }
    }
    expect(open).toBeGreaterThan(0);
  });
});
