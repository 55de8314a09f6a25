import { buildSearchIndex, searchIndex, tierOfScore } from '/work/main/src/search';
import type { SearchEntry } from '/work/main/src/search';
const ENTITIES = 100_000;

/** mulberry32: a small seeded generator, so every run indexes the same names. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

const QUERIES = [
  'a', 'b', 'h', 'q', 'z', 'zh', 'zha', 'zhang', 'zhang w', 'zhang wei', 'wei zhang', 'li', 'li n', 'chen xiao', 'wang',
  'international bank', 'international ba', 'international', 'bank of', 'bank of hang', 'hangzhou steel', 'hangzhou', 'steel group',
  'tech', 'technology', 'tecnology', 'internatoinal', 'internatinal ban', 'holdngs', 'logistcs group', 'softwrae',
  '张', '张伟', '杭州', '银行', '钢铁集团', '杭州钢', '国际', 'anna', 'alexander m', 'garcia', 'maria garcia', 'garcia maria',
  'jose', 'zoe', 'of', 'river', 'xiaoming', 'zhang xiao', 'ma', 'hu', 'anna kim', 'yu lake', 'ibo',
];


let t = performance.now();
const entries = generate(ENTITIES);
console.log('gen', (performance.now()-t).toFixed(0));
t = performance.now();
const index = buildSearchIndex({ entries });
console.log('build', (performance.now()-t).toFixed(0));
const typed = ['international bank', 'zhang wei', 'internatinal', '杭州钢铁', 'maria garcia'].flatMap((q) => Array.from(q, (_, i) => q.slice(0, i + 1)));
const all = [...QUERIES, ...typed, 'a b', 'z w', 'h l', 'i b', 'o', 'of a', 'b o', 'l', 'x', 'y', 'c', 'g', 's', 'w', 'li l', 'zhang z', 'h h', 'hu h', 'ma m', '张 伟', '杭', '集', '公司', 'c g', 'g c'];
for (const q of all) searchIndex({ index, query: q });
const per = new Map<string, number[]>();
const times: number[] = [];
for (let r = 0; r < 5; r++) for (const q of all) { const s = performance.now(); searchIndex({ index, query: q }); const ms = performance.now() - s; times.push(ms); (per.get(q) ?? per.set(q, []).get(q)!).push(ms); }
times.sort((a,b)=>a-b);
console.log('median', times[times.length>>1]!.toFixed(3), 'max', times[times.length-1]!.toFixed(3));
const worst = [...per].map(([q, v]) => [q, Math.max(...v), Math.min(...v)] as const).sort((a,b)=>b[1]-a[1]).slice(0, 12);
for (const [q, mx, mn] of worst) console.log(q, mx.toFixed(2), mn.toFixed(2));
if (process.argv[2]) for (let i = 0; i < 200; i++) searchIndex({ index, query: process.argv[2] });
import { prepareQuery, releaseQuery } from '/work/main/src/search/query';
if (process.env.VOL) for (const q of all) { const m = prepareQuery({ index, query: q }); console.log(q, m.map((x) => x.volume).join(',')); releaseQuery({ matchers: m }); }
import { scoreName, createScratch, ranksAbove } from '/work/main/src/search/rank';
if (process.env.CMP) {
  const sc = createScratch();
  let bad = 0;
  for (const q of all) {
    const m = prepareQuery({ index, query: q });
    const best = new Map<number, number>();
    for (let n = 0; n < index.nameEntry.length; n++) { const s = scoreName(index, m, n, sc); if (s > 0) { const e = index.nameEntry[n]!; if (s > (best.get(e) ?? 0)) best.set(e, s); } }
    releaseQuery({ matchers: m });
    const exp = [...best].sort((a, b) => (ranksAbove(index, a[0], a[1], b[0], b[1]) ? -1 : 1)).slice(0, 20).map(([e]) => index.keys[e]);
    const got = searchIndex({ index, query: q }).map((r) => r.key);
    if (JSON.stringify(exp) !== JSON.stringify(got)) { bad++; const firstDiff = exp.findIndex((k, i) => got[i] !== k); console.log('DIFF', q, 'matches', best.size, 'first diff at', firstDiff); }
  }
  console.log('diffs', bad, 'of', all.length);
}
