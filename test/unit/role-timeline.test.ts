import { describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import type { Dataset, Role } from '../../src/dataset/schema';
import { roleTimeline } from '../../src/format/role-timeline';
import { dateRangeWordsIn, LOCALES } from './support/locale-messages';

const words = dateRangeWordsIn(LOCALES.en!);
const evidence = [{ source: 's', quote: 'q', start: 0, end: 1 }];
const role = (title: string, dates: Partial<Pick<Role, 'start' | 'end' | 'inferred'>> = {}): Role => ({ title, evidence, ...dates });
const titles = (roles: Role[]) => roleTimeline({ roles, locale: 'en-GB', words }).map((r) => r.role.title);

function rolesOf(id: string): Role[] {
  const entity = (bundled as Dataset).entities.find((e) => e.id === id);
  if (!entity) throw new Error(`no entity ${id} in the bundled dataset`);
  return entity.roles;
}

describe('roleTimeline', () => {
  it('labels each kind of date range', () => {
    const rows = roleTimeline({
      roles: [
        role('both', { start: '2015-10', end: '2022-12' }),
        role('open', { start: '2015-05' }),
        role('end only', { end: '2019' }),
        role('undated'),
        role('same', { start: '2019', end: '2019' }),
      ],
      locale: 'en-GB',
      words,
    });
    const label = (title: string) => rows.find((r) => r.role.title === title)?.label;
    expect(label('both')).toBe('Oct 2015 – Dec 2022');
    expect(label('open')).toBe('since May 2015');
    expect(label('end only')).toBe('until 2019');
    expect(label('undated')).toBe('');
    expect(label('same')).toBe('2019');
  });

  it('sorts open-ended roles first, then by end, then by start, undated last', () => {
    expect(
      titles([
        role('undated A'),
        role('ended 2019', { start: '2010', end: '2019' }),
        role('since 2015', { start: '2015' }),
        role('ended 2022', { start: '2015-10', end: '2022-12-07' }),
        role('until 2019, started later', { start: '2016', end: '2019' }),
        role('until 2019, no start', { end: '2019' }),
        role('since 2019', { start: '2019-09-10' }),
        role('undated B'),
      ]),
    ).toEqual([
      'since 2019',
      'since 2015',
      'ended 2022',
      'until 2019, started later',
      'ended 2019',
      'until 2019, no start',
      'undated A',
      'undated B',
    ]);
  });

  it('copies the inferred flag', () => {
    const rows = roleTimeline({ roles: [role('a', { start: '2015', inferred: true }), role('b')], locale: 'en', words });
    expect(rows.map((r) => r.inferred)).toEqual([true, false]);
  });

  it('orders Jack Ma’s roles from the bundled dataset', () => {
    const rows = roleTimeline({ roles: rolesOf('jack-ma'), locale: 'en-GB', words });
    expect(rows.map((r) => [r.role.title, r.role.organization, r.label, r.inferred])).toEqual([
      ['Founder', 'ma-yun-rural-teacher-student-program', 'since 2017', false],
      ['Founder', 'alibaba-group', 'since 1999', false],
      ['Held overall control', 'ant-group', 'until 2023', true],
      ['President', 'general-association-of-zhejiang-entrepreneurs', '2015 – 7 Dec 2022', true],
      ['Chairman of the Board of Directors', 'alibaba-group', 'until 10 Sept 2019', true],
      ['Ran the business', 'china-yellow-pages', '1996', false],
      ['Founder', 'ant-group', '', false],
      ['Consultant', 'general-association-of-zhejiang-entrepreneurs', '', false],
      ['Founder', 'jack-ma-foundation', '', false],
    ]);
  });

  it('puts Daniel Zhang’s chairmanship before his earlier roles', () => {
    const rows = roleTimeline({ roles: rolesOf('daniel-zhang'), locale: 'en-US', words });
    expect(rows.slice(0, 4).map((r) => r.label)).toEqual(['since Sep 10, 2019', 'since Sep 2015', 'since May 2015', 'since May 2015']);
  });

  it('writes dates and ranges in Chinese with the Chinese messages', () => {
    const rows = roleTimeline({
      roles: [role('open', { start: '2015-05' }), role('both', { start: '2015-10', end: '2022-12' }), role('end only', { end: '2019-09-10' })],
      locale: 'zh-CN',
      words: dateRangeWordsIn(LOCALES.zh_CN!),
    });
    expect(rows.map((r) => r.label)).toEqual(['2015年5月起', '2015年10月至2022年12月', '至2019年9月10日']);
  });

  it('does not change the roles it is given', () => {
    const roles = [role('a'), role('b', { start: '2015' })];
    roleTimeline({ roles, locale: 'en', words });
    expect(roles.map((r) => r.title)).toEqual(['a', 'b']);
  });
});
