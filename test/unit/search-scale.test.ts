import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/synthetic-dataset';
import { buildSearchIndex, searchIndex, TIER, tierOfScore, type SearchEntry, type SearchIndex } from '../../src/search';
import { prepareQuery, releaseQuery } from '../../src/search/query';
import { createScratch, ranksAbove, scoreName } from '../../src/search/rank';
import { isCjkToken, tokenize } from '../../src/search/tokens';

/**
 * The popup's search at the size it is built for: 100,000 generated
 * entities. The assertions are about behaviour; the timings are printed,
 * not asserted, because a busy CI machine would make them flaky.
 */

const ENTITIES = 100_000;

const random = seededRandom;

const SURNAMES = ['Zhang', 'Wang', 'Li', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Lin', 'Luo', 'Gao'];
const HAN_SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const SYLLABLES = ['wei', 'min', 'hong', 'jun', 'li', 'ying', 'hua', 'xin', 'yu', 'jie', 'tao', 'lei', 'fang', 'na', 'qiang', 'jing', 'ming', 'chao', 'hao', 'yan', 'ping', 'bo', 'long', 'xiao', 'dong', 'feng', 'gang', 'hui', 'kai', 'lan', 'mei', 'ning', 'qing', 'rui', 'shan', 'ting', 'wen', 'xia', 'yi', 'zhi'];
const HAN_GIVEN = ['伟', '敏', '红', '军', '丽', '英', '华', '新', '宇', '杰', '涛', '磊', '芳', '娜', '强', '静', '明', '超', '浩', '燕', '平', '波', '龙', '小', '东', '峰', '刚', '辉', '凯', '兰'];
const WESTERN_GIVEN = ['Anna', 'Alexander', 'Maria', 'David', 'John', 'Michael', 'Sarah', 'Emma', 'Oliver', 'Sophia', 'Lucas', 'Amelia', 'Noah', 'Elena', 'Mateo', 'Chloé', 'José', 'Zoë', 'Björn', 'Ingrid'];
const WESTERN_SURNAMES = ['Smith', 'Johnson', 'Brown', 'García', 'Miller', 'Davis', 'Martin', 'López', 'Kim', 'Park', 'Nguyen', 'Müller', 'Schmidt', 'Rossi', 'Dubois', 'Silva', 'Novak', 'Kowalski', 'Andersen', 'Okafor'];
const PLACES = [
  ['Hangzhou', '杭州'], ['Ningbo', '宁波'], ['Shanghai', '上海'], ['Beijing', '北京'], ['Changsha', '长沙'], ['Wuhan', '武汉'],
  ['Shenzhen', '深圳'], ['Chengdu', '成都'], ['Nanjing', '南京'], ['Xiamen', '厦门'], ['Suzhou', '苏州'], ['Tianjin', '天津'],
  ['Qingdao', '青岛'], ['Dalian', '大连'], ['Harbin', '哈尔滨'], ['Kunming', '昆明'], ['Lanzhou', '兰州'], ['Hefei', '合肥'],
] as const;
const INDUSTRIES = [
  ['Steel', '钢铁'], ['Textile', '纺织'], ['Technology', '科技'], ['Pharmaceutical', '医药'], ['Logistics', '物流'], ['Energy', '能源'],
  ['Construction', '建设'], ['Media', '传媒'], ['Food', '食品'], ['Automotive', '汽车'], ['Chemical', '化工'], ['Software', '软件'],
] as const;
const KINDS = [['Group', '集团'], ['Company', '公司'], ['Holdings', '控股'], ['Corporation', '股份'], ['Association', '协会']] as const;
const FEATURES = ['City', 'County', 'District', 'River', 'Mountain', 'Lake', 'Bay', 'Park'];

function generate(count: number): SearchEntry[] {
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const coined = (parts: number): string => {
    let word = '';
    for (let i = 0; i < parts; i++) word += pick(SYLLABLES);
    return word[0]!.toUpperCase() + word.slice(1);
  };
  const entries: SearchEntry[] = [];
  for (let i = 0; i < count; i++) {
    const key = `gen/${i}`;
    const r = rnd();
    if (r < 0.4) {
      const s = Math.floor(rnd() * SURNAMES.length);
      const given = coined(1 + Math.floor(rnd() * 2));
      const aliases = [`${given} ${SURNAMES[s]!}`];
      if (rnd() < 0.4) aliases.push(HAN_SURNAMES[s]! + pick(HAN_GIVEN) + (rnd() < 0.5 ? pick(HAN_GIVEN) : ''));
      entries.push({ key, name: `${SURNAMES[s]!} ${given}`, aliases, type: 'person' });
    } else if (r < 0.55) {
      const given = pick(WESTERN_GIVEN);
      const surname = pick(WESTERN_SURNAMES);
      const middle = rnd() < 0.5 ? `${pick(WESTERN_GIVEN)} ` : '';
      entries.push({ key, name: `${given} ${middle}${surname}`, aliases: middle ? [`${given} ${surname}`] : [], type: 'person' });
    } else if (r < 0.85) {
      const [place, placeZh] = pick(PLACES);
      const [industry, industryZh] = pick(INDUSTRIES);
      const [kind, kindZh] = pick(KINDS);
      const shape = rnd();
      let name: string;
      const aliases: string[] = [];
      if (shape < 0.15) {
        name = `International Bank of ${place}`;
        aliases.push(`${place} International Bank`, `IBO${place[0]!}`, `${placeZh}国际银行`);
      } else if (shape < 0.3) {
        name = `${coined(2)} ${industry}`;
      } else if (shape < 0.4) {
        // Canonical in Chinese script, with a romanized alias.
        name = `${placeZh}${industryZh}${kindZh}`;
        aliases.push(`${place} ${industry} ${kind}`);
      } else {
        name = `${place} ${industry} ${kind}`;
        aliases.push(`${place[0]!}${industry[0]!}${kind[0]!}`);
        if (rnd() < 0.3) aliases.push(`${placeZh}${industryZh}${kindZh}`);
      }
      entries.push({ key, name, aliases, type: 'organization' });
    } else {
      const place = coined(2);
      entries.push({ key, name: `${place} ${pick(FEATURES)}`, aliases: rnd() < 0.3 ? [place] : [], type: 'place' });
    }
  }
  return entries;
}

/** Damerau–Levenshtein (optimal string alignment) by the textbook table: an independent check of typo.ts. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Whether query token q may match name token t under the documented rules. */
function tokenMatches(q: string, t: string): boolean {
  if (t.startsWith(q)) return true;
  if (isCjkToken({ token: q }) && t.includes(q)) return true;
  if (q.length < 5 || q[0] !== t[0]) return false;
  for (let len = q.length - 1; len <= Math.min(t.length, q.length + 1); len++) if (distance(q, t.slice(0, len)) <= 1) return true;
  return false;
}

/** Whether some one name of the entry has a different token for every query token. */
function explains(entry: SearchEntry, query: string): boolean {
  const q = tokenize({ text: query });
  const assign = (names: string[], i: number, used: Set<number>): boolean =>
    i === q.length || names.some((t, j) => !used.has(j) && tokenMatches(q[i]!, t) && assign(names, i + 1, new Set([...used, j])));
  return [entry.name, ...entry.aliases].some((text) => assign(tokenize({ text }), 0, new Set()));
}

const entries = generate(ENTITIES);
const byKey = new Map(entries.map((e) => [e.key, e]));
// Built once at load, so each test below can run alone (vitest -t).
const buildStart = performance.now();
const index: SearchIndex = buildSearchIndex({ entries });
const buildMs = performance.now() - buildStart;

const QUERIES = [
  'a', 'b', 'h', 'q', 'z', 'zh', 'zha', 'zhang', 'zhang w', 'zhang wei', 'wei zhang', 'li', 'li n', 'chen xiao', 'wang',
  'international bank', 'international ba', 'international', 'bank of', 'bank of hang', 'hangzhou steel', 'hangzhou', 'steel group',
  'tech', 'technology', 'tecnology', 'internatoinal', 'internatinal ban', 'holdngs', 'logistcs group', 'softwrae',
  '张', '张伟', '杭州', '银行', '钢铁集团', '杭州钢', '国际', 'anna', 'alexander m', 'garcia', 'maria garcia', 'garcia maria',
  'jose', 'zoe', 'of', 'river', 'xiaoming', 'zhang xiao', 'ma', 'hu', 'anna kim', 'yu lake', 'ibo',
];

/** The top 20 by scoring every name in the index: what the candidate caps must not change. */
function exhaustive(query: string): string[] {
  const matchers = prepareQuery({ index, query });
  const scratch = createScratch();
  const best = new Map<number, number>();
  for (let name = 0; name < index.nameEntry.length; name++) {
    const score = scoreName(index, matchers, name, scratch);
    const entry = index.nameEntry[name]!;
    if (score > (best.get(entry) ?? 0)) best.set(entry, score);
  }
  releaseQuery({ matchers });
  return [...best]
    .sort(([a, sa], [b, sb]) => (ranksAbove(index, a, sa, b, sb) ? -1 : 1))
    .slice(0, 20)
    .map(([entry]) => index.keys[entry]!);
}

function timed(query: string): { ms: number; results: ReturnType<typeof searchIndex> } {
  const start = performance.now();
  const results = searchIndex({ index, query, limit: 20 });
  return { ms: performance.now() - start, results };
}

describe('search at 100,000 entities', () => {
  it('builds the index', () => {
    console.log(`search index: built ${ENTITIES} entities (${index.nameEntry.length} names, ${index.tokens.length} tokens, ${index.postings.length} postings) in ${buildMs.toFixed(0)} ms`);
    expect(index.keys).toHaveLength(ENTITIES);
    expect(index.nameEntry.length).toBeGreaterThan(ENTITIES);
  });

  it('answers every query with sensible results', () => {
    for (const query of QUERIES) searchIndex({ index, query }); // warm up the JIT, as a popup's first keystrokes do
    for (const query of QUERIES) {
      const results = searchIndex({ index, query });
      const keys = results.map((r) => r.key);
      expect(new Set(keys).size, query).toBe(keys.length);
      expect(results.length, query).toBeLessThanOrEqual(20);
      for (let i = 1; i < results.length; i++) expect(results[i]!.score, query).toBeLessThanOrEqual(results[i - 1]!.score);
      for (const r of results) expect(explains(byKey.get(r.key)!, query), `${query} → ${r.key}`).toBe(true);
      // Every query above names something the generator makes.
      expect(results.length, query).toBeGreaterThan(0);
    }
  }, 60_000);

  it('returns the same top 20 as scoring every name, capped candidate sets included', () => {
    // One-letter and two-short-token queries are the ones that hit the caps.
    for (const query of [...QUERIES, 'a b', 'z w', 'h l', 'o', 'of a', 'li l', 'g c', '杭', '集']) {
      expect(searchIndex({ index, query }).map((r) => r.key), query).toEqual(exhaustive(query));
    }
  }, 60_000);

  it('fills the page for one-letter queries, shortest names starting with it first', () => {
    for (const query of ['a', 'h', 'z']) {
      const results = searchIndex({ index, query });
      expect(results).toHaveLength(20);
      expect(tierOfScore(results[0]!)).toBeGreaterThanOrEqual(TIER.STARTS_PREFIX);
    }
  });

  it('ranks names that start with the query first', () => {
    const bank = searchIndex({ index, query: 'international bank' });
    expect(tierOfScore(bank[0]!)).toBe(TIER.STARTS_WHOLE);
    expect(byKey.get(bank[0]!.key)!.name).toMatch(/^International Bank of /);
    const zhang = searchIndex({ index, query: 'zhang wei' });
    expect(byKey.get(zhang[0]!.key)!.name).toBe('Zhang Wei');
    const prefix = searchIndex({ index, query: 'zhang w' });
    for (const r of prefix) expect(tierOfScore(r)).toBe(TIER.STARTS_PREFIX);
  });

  it('finds long words with one typo, and short ones never', () => {
    for (const query of ['tecnology', 'internatoinal', 'holdngs', 'softwrae']) {
      const results = searchIndex({ index, query });
      expect(results.length, query).toBeGreaterThan(0);
      expect(tierOfScore(results[0]!), query).toBe(TIER.TYPO);
    }
    expect(searchIndex({ index, query: 'grup' })).toEqual([]);
  });

  it('finds CJK names by prefix, then inside', () => {
    const results = searchIndex({ index, query: '杭州钢' });
    expect(tierOfScore(results[0]!)).toBe(TIER.STARTS_PREFIX);
    const inside = searchIndex({ index, query: '钢铁集团', limit: 50 });
    expect(inside.some((r) => tierOfScore(r) === TIER.INFIX)).toBe(true);
  });

  it('stays well inside a frame per keystroke (timings printed, not asserted)', () => {
    const typed = ['international bank', 'zhang wei', 'internatinal', '杭州钢铁', 'maria garcia'].flatMap((q) => Array.from(q, (_, i) => q.slice(0, i + 1)));
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const query of [...QUERIES, ...typed]) times.push(timed(query).ms);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const max = times[times.length - 1]!;
    console.log(`search at ${ENTITIES} entities: ${times.length} queries, median ${median.toFixed(3)} ms, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(3)} ms, max ${max.toFixed(3)} ms; build ${buildMs.toFixed(0)} ms`);
    expect(times.length).toBeGreaterThan(0);
  });
});
