/**
 * Deterministic synthetic datasets in the public format, for the 100,000-name
 * tests and benchmarks: two- and three-part personal names (pinyin and
 * Western), multi-word organization names, and Chinese-script aliases. Every
 * full alias is unique, as the format requires.
 */
import { DATASET_FORMAT, type Alias, type Dataset, type Entity } from '../../src/dataset/schema';
import { foldText } from '../../src/text/fold';

/** mulberry32: small, fast and seeded, so every run makes the same names. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['Zhang', 'Wang', 'Li', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Zhu', 'Hu', 'Guo', 'He', 'Lin', 'Luo', 'Gao', 'Song'];
const HAN_SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '朱', '胡', '郭', '何', '林', '罗', '高', '宋'];
const SYLLABLES = ['wei', 'min', 'hong', 'jun', 'li', 'ying', 'hua', 'xin', 'yu', 'jie', 'tao', 'lei', 'fang', 'na', 'qiang', 'jing', 'ming', 'chao', 'hao', 'yan', 'ping', 'bo', 'long', 'xiao', 'dong', 'feng', 'gang', 'hui', 'kai', 'lan', 'mei', 'ning', 'qing', 'rui', 'shan', 'ting', 'wen', 'xia', 'yi', 'zhi'];
const HAN_GIVEN = ['伟', '敏', '红', '军', '丽', '英', '华', '新', '宇', '杰', '涛', '磊', '芳', '娜', '强', '静', '明', '超', '浩', '燕', '平', '波', '龙', '东', '峰', '刚', '辉', '凯', '兰', '梅'];
const WESTERN_GIVEN = ['Anna', 'Alexander', 'Maria', 'David', 'John', 'Michael', 'Sarah', 'Emma', 'Oliver', 'Sophia', 'Lucas', 'Amelia', 'Noah', 'Elena', 'Mateo', 'Chloé', 'José', 'Zoë', 'Björn', 'Ingrid'];
const WESTERN_SURNAMES = ['Smith', 'Johnson', 'Brown', 'García', 'Miller', 'Davis', 'Martin', 'López', 'Kim', 'Park', 'Nguyen', 'Müller', 'Schmidt', 'Rossi', 'Dubois', 'Silva', 'Novak', 'Kowalski', 'Andersen', 'Okafor'];
const PLACES = ['Hangzhou', 'Ningbo', 'Shanghai', 'Beijing', 'Changsha', 'Wuhan', 'Shenzhen', 'Chengdu', 'Nanjing', 'Xiamen', 'Suzhou', 'Tianjin', 'Qingdao', 'Dalian', 'Harbin', 'Kunming'];
const INDUSTRIES = ['Steel', 'Textile', 'Technology', 'Pharmaceutical', 'Logistics', 'Energy', 'Construction', 'Media', 'Food', 'Automotive', 'Chemical', 'Software'];
const KINDS = ['Group', 'Company', 'Holdings', 'Corporation', 'Association', 'Institute', 'Foundation', 'Bank'];
const HAN_KINDS = ['集团', '公司', '控股', '股份', '协会', '研究院', '基金会', '银行'];

function capitalise(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}

export function syntheticEntities({ count, seed = 42 }: { count: number; seed?: number }): Entity[] {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const coined = (parts: number) => capitalise(Array.from({ length: parts }, () => pick(SYLLABLES)).join(''));
  const taken = new Set<string>();
  /** Claims a name if no entity has it yet. */
  const claim = (text: string): boolean => {
    const key = foldText(text);
    if (taken.has(key)) return false;
    taken.add(key);
    return true;
  };

  const entities: Entity[] = [];
  while (entities.length < count) {
    const i = entities.length;
    const r = rnd();
    let entity: Entity | null = null;
    if (r < 0.45) {
      const s = Math.floor(rnd() * SURNAMES.length);
      const given = coined(1 + Math.floor(rnd() * 2));
      const name = `${given} ${SURNAMES[s]!}`;
      if (claim(name)) {
        const aliases: Alias[] = [{ text: name }];
        const reversed = `${SURNAMES[s]!} ${given}`;
        if (claim(reversed)) aliases.push({ text: reversed });
        const han = HAN_SURNAMES[s]! + pick(HAN_GIVEN) + pick(HAN_GIVEN);
        if (rnd() < 0.4 && claim(han)) aliases.push({ text: han, lang: 'zh-Hans' });
        entity = { id: `p${i}`, name, type: 'person', description: 'A generated person.', aliases, roles: [], mentions: [] };
      }
    } else if (r < 0.6) {
      const name = `${pick(WESTERN_GIVEN)} ${rnd() < 0.5 ? `${pick(WESTERN_GIVEN)} ` : ''}${pick(WESTERN_SURNAMES)}`;
      if (claim(name)) entity = { id: `w${i}`, name, type: 'person', description: 'A generated person.', aliases: [{ text: name }], roles: [], mentions: [] };
    } else {
      const k = Math.floor(rnd() * KINDS.length);
      const name = `${pick(PLACES)} ${coined(2)} ${pick(INDUSTRIES)} ${KINDS[k]!}`;
      if (claim(name)) {
        const aliases: Alias[] = [{ text: name }];
        const han = `${pick(HAN_SURNAMES)}${pick(HAN_GIVEN)}${HAN_KINDS[k]!}`;
        if (rnd() < 0.3 && claim(han)) aliases.push({ text: han, lang: 'zh-Hans' });
        entity = { id: `o${i}`, name, type: 'organization', description: 'A generated organization.', aliases, roles: [], mentions: [] };
      }
    }
    if (entity) entities.push(entity);
  }
  return entities;
}

export function syntheticDataset({ count, seed = 42, id = `synthetic-${count}` }: { count: number; seed?: number; id?: string }): Dataset {
  return {
    format: DATASET_FORMAT,
    id,
    name: `Synthetic names (${count.toLocaleString('en')})`,
    version: String(seed),
    sources: [],
    entities: syntheticEntities({ count, seed }),
  };
}
