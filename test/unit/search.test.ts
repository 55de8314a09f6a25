import { describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import type { Dataset } from '../../src/dataset/schema';
import { buildSearchIndex, searchIndex, TIER, tierOfScore, type SearchEntry, type SearchResult } from '../../src/search';

const dataset = bundled as Dataset;
const entries: SearchEntry[] = dataset.entities.map((e) => ({
  key: `${dataset.id}/${e.id}`,
  name: e.name,
  aliases: e.aliases.map((a) => a.text),
  type: e.type,
}));
const index = buildSearchIndex({ entries });

function search(query: string, limit?: number): SearchResult[] {
  return searchIndex({ index, query, limit });
}
/** Entity ids of the results, in order. */
function ids(query: string, limit?: number): string[] {
  return search(query, limit).map((r) => r.key.slice(dataset.id.length + 1));
}
function tiers(results: SearchResult[]): number[] {
  return results.map((r) => tierOfScore(r));
}

describe('matching names and aliases by token', () => {
  it('finds every entity with a name or alias token "zhang"', () => {
    expect(ids('zhang')).toEqual(expect.arrayContaining(['daniel-zhang', 'zhang-handong', 'zhang-hongsen']));
  });

  it('finds an alias, and says which one matched', () => {
    const [first] = search('ma yun');
    expect(first?.key).toBe('factlens-bundled/jack-ma');
    expect(first?.matched).toBe('Ma Yun');
    expect(search('jack ma')[0]?.matched).toBeUndefined();
  });

  it('reads the last token as a prefix, and earlier ones too', () => {
    expect(ids('nan cun')[0]).toBe('nan-cunhui');
    expect(ids('na cunh')[0]).toBe('nan-cunhui');
  });

  it('ranks exact earlier tokens above prefixes', () => {
    const withRival = buildSearchIndex({
      entries: [...entries, { key: 'extra/nanda-cunlin', name: 'Nanda Cunlin', aliases: [], type: 'person' }],
    });
    const keys = searchIndex({ index: withRival, query: 'nan cun' }).map((r) => r.key);
    expect(keys).toEqual(['factlens-bundled/nan-cunhui', 'extra/nanda-cunlin']);
  });

  it('needs every query token in one name, each token its own', () => {
    // "Jack Ma" and "Ma Yun" both name Jack Ma, but no one name has "jack" and "yun".
    expect(ids('jack yun')).toEqual([]);
    expect(ids('jack zhang')).toEqual([]);
    expect(ids('ma ma')).toEqual([]);
    expect(ids('na na')).toEqual(['lin-na-na']);
  });

  it('ignores case and diacritics in the query and in names', () => {
    expect(ids('mǎ yún')[0]).toBe('jack-ma');
    expect(ids('MA YUN')[0]).toBe('jack-ma');
    expect(ids('Ma\u030c Yu\u0301n')[0]).toBe('jack-ma');
    const accented = buildSearchIndex({ entries: [{ key: 'x/zoe', name: 'Zoë Müller', aliases: ['Zoé'], type: 'person' }] });
    expect(searchIndex({ index: accented, query: 'zoe mull' }).map((r) => r.key)).toEqual(['x/zoe']);
    // The alias equals the query, which beats the canonical name merely starting with it.
    expect(searchIndex({ index: accented, query: 'ZOE' })[0]?.matched).toBe('Zoé');
  });

  it('splits names at hyphens and joins them at apostrophes', () => {
    expect(ids('ji woo')).toEqual(['choi-jiwoo']);
    const apostrophe = buildSearchIndex({ entries: [{ key: 'x/xian', name: "Xi'an", aliases: [], type: 'place' }] });
    expect(searchIndex({ index: apostrophe, query: 'xian' }).map((r) => r.key)).toEqual(['x/xian']);
  });
});

describe('CJK names', () => {
  it('match by prefix of the whole CJK token', () => {
    const results = search('阿里');
    expect(results[0]?.key).toBe('factlens-bundled/alibaba-group');
    expect(results[0]?.matched).toBe('阿里巴巴');
    expect(ids('阿里')).toContain('alibaba-sports-group');
  });

  it('match anywhere inside, ranked below prefix matches', () => {
    const inside = search('巴巴');
    expect(inside[0]?.key).toBe('factlens-bundled/alibaba-group');
    expect(tierOfScore(inside[0]!)).toBe(TIER.INFIX);
    // 南存辉 and 南华早报 start with 南; 湖南, 中共湖南省委 and others hold it inside.
    const south = search('南', 50);
    expect(ids('南', 50).slice(0, 2).sort()).toEqual(['nan-cunhui', 'south-china-morning-post']);
    expect(tiers(south).slice(0, 2).every((t) => t >= TIER.STARTS_PREFIX)).toBe(true);
    expect(tiers(south)).toContain(TIER.INFIX);
    expect(ids('南', 50)).toContain('hunan');
  });

  it('match a whole CJK name first', () => {
    expect(ids('湖南')[0]).toBe('hunan');
    expect(tierOfScore(search('湖南')[0]!)).toBe(TIER.EQUAL);
  });

  it('fold Traditional to Simplified, as the matcher does', () => {
    expect(ids('馬雲')[0]).toBe('jack-ma');
    expect(tierOfScore(search('馬雲')[0]!)).toBe(TIER.EQUAL);
    expect(ids('張勇')[0]).toBe('daniel-zhang');
    expect(ids('阿里巴巴集團')[0]).toBe('alibaba-group');
  });
});

describe('typos', () => {
  it('tolerates one edit in a word of five or more letters', () => {
    expect(ids('alibba')[0]).toBe('alibaba-group'); // deletion
    expect(tierOfScore(search('alibba')[0]!)).toBe(TIER.TYPO);
    expect(ids('alibabba')[0]).toBe('alibaba-group'); // insertion
    expect(ids('alibaca')[0]).toBe('alibaba-group'); // substitution
    expect(ids('taoboa')[0]).toBe('taobao'); // transposition
    expect(ids('hangzohu')[0]).toBe('hangzhou');
  });

  it('tolerates one edit in a word still being typed', () => {
    expect(ids('alibb')).toContain('alibaba-group');
    expect(ids('hangzohu dai')[0]).toBe('hangzhou-daily');
  });

  it('never matches short words with a typo, nor a wrong first letter', () => {
    expect(ids('mz')).toEqual([]);
    expect(ids('wibo')).toEqual([]); // "weibo" less one letter, but only four
    expect(ids('wiebo')).toEqual(['weibo']);
    expect(ids('qlibaba')).toEqual([]);
  });

  it('answers a typo that matches nothing without failing', () => {
    const results = search('tecent');
    expect(Array.isArray(results)).toBe(true);
    for (const r of results) expect(tierOfScore(r)).toBe(TIER.TYPO);
  });

  it('prefers real prefixes: a typo is only tried when nothing starts with the word', () => {
    expect(tiers(search('hangzh')).every((t) => t >= TIER.STARTS_PREFIX)).toBe(true);
  });
});

describe('ranking', () => {
  it('puts the exact name first, then names starting with the query', () => {
    expect(ids('jack ma').slice(0, 2)).toEqual(['jack-ma', 'jack-ma-foundation']);
    const zhang = search('zhang');
    expect(zhang[0]?.key).toBe('factlens-bundled/daniel-zhang');
    expect(zhang[0]?.matched).toBe('Zhang');
    expect(tiers(zhang)[0]).toBe(TIER.EQUAL);
    expect(tiers(zhang).slice(1).every((t) => t === TIER.STARTS_WHOLE)).toBe(true);
  });

  it('orders tiers: exact, starts with, whole tokens, prefix', () => {
    const local = buildSearchIndex({
      entries: [
        { key: 'prefix', name: 'Zeta Banking', aliases: [], type: 'organization' },
        { key: 'starts-prefix', name: 'Banking Zeta', aliases: [], type: 'organization' },
        { key: 'whole', name: 'Zeta Bank', aliases: [], type: 'organization' },
        { key: 'starts-whole', name: 'Bank Zeta', aliases: [], type: 'organization' },
        { key: 'equal', name: 'Other', aliases: ['Bank'], type: 'organization' },
      ],
    });
    const results = searchIndex({ index: local, query: 'bank' });
    expect(results.map((r) => r.key)).toEqual(['equal', 'starts-whole', 'whole', 'starts-prefix', 'prefix']);
    expect(tiers(results)).toEqual([TIER.EQUAL, TIER.STARTS_WHOLE, TIER.ALL_WHOLE, TIER.STARTS_PREFIX, TIER.ALL_PREFIX]);
  });

  it('within a tier prefers the canonical name, then the shorter, then alphabetical', () => {
    const local = buildSearchIndex({
      entries: [
        { key: 'long', name: 'Bo Longer Name', aliases: [], type: 'person' },
        { key: 'alias', name: 'Someone', aliases: ['Bo Short'], type: 'person' },
        { key: 'zeta', name: 'Bo Zeta', aliases: [], type: 'person' },
        { key: 'acta', name: 'Bo Acta', aliases: [], type: 'person' },
      ],
    });
    // "Bo Short" is shorter than "Bo Longer Name" but only an alias.
    expect(searchIndex({ index: local, query: 'bo' }).map((r) => r.key)).toEqual(['acta', 'zeta', 'long', 'alias']);
  });

  it('lists each entity once, under its best-matching name', () => {
    const results = search('alibaba', 50);
    const keys = results.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(results[0]?.key).toBe('factlens-bundled/alibaba-group');
    expect(results[0]?.matched).toBe('Alibaba');
  });

  it('orders results by score, best first, and respects the limit', () => {
    const results = search('a', 50);
    expect(results.length).toBeGreaterThan(10);
    for (let i = 1; i < results.length; i++) expect(results[i]!.score).toBeLessThanOrEqual(results[i - 1]!.score);
    expect(search('a', 3)).toHaveLength(3);
    expect(search('a', 3)).toEqual(results.slice(0, 3));
    expect(search('a')).toEqual(results.slice(0, 20));
  });
});

describe('blank queries', () => {
  it('return nothing', () => {
    for (const query of ['', ' ', '\t\n ', '\u00a0', '--', '"']) expect(search(query)).toEqual([]);
  });

  it('nor do odd queries fail: emoji, a long word, many tokens', () => {
    expect(search('😀')).toEqual([]);
    expect(search('x'.repeat(200))).toEqual([]);
    expect(search('alibab'.repeat(30))).toEqual([]);
    expect(search('a '.repeat(100))).toEqual([]);
  });

  it('and a limit below one returns nothing', () => {
    expect(search('alibaba', 0)).toEqual([]);
  });
});
