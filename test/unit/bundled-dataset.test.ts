import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import bundled from '../../assets/dataset.json';
import { compileDataset } from '../../scripts/lib/compile';
import type { Dataset } from '../../src/dataset/schema';
import { validateDataset } from '../../src/dataset/validate';
import { foldText } from '../../src/text/fold';

const ROOT = join(import.meta.dirname, '../..');
const dataset = bundled as Dataset;

/**
 * SHA-256 of each article as it was handed over (each original's file name
 * follows it), recorded so the check needs nothing outside the repository.
 * data/sources/<id>.txt must stay these bytes: every quote offset and every
 * excerpt is computed from them.
 */
const ORIGINAL_SHA256: Record<string, string> = {
  'ma-leaves-zj-association': '5a1370614be585430b472aa884f2123600d64735225bff584c2a65b7843ec4fe', // 000_a7e96d476a1aaf7c.txt
  'ma-visits-hunan': '559c3837d68a3904e4cbc8bfee4e4a0b57cb0e9b93fe87b2bdd9278784c0679b', // 001_8993340791e21f7b.txt
  'hangzhou-ali-flavor': '86970d63a919ed8402359dbebf25af1c3b4cbbb39c49cff8be4e68f3792bf3fd', // 002_99d6883a951e9729.txt
  'hangzhou-backs-alibaba': '4f8b954e29a1b4b00ff55449688fc4236bf8a7045056c757dca61a96fbc3b820', // 003_d16ca1e7ef834ff0.txt
  'alibaba-common-prosperity': '5ad705a148dac6b7a7375fc97758ed94c2f27c9786bd5e75e90c4098fb39e4e4', // 004_aa06f218b683e815.txt
};
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

function entity(id: string) {
  const e = dataset.entities.find((x) => x.id === id);
  if (!e) throw new Error(`no entity ${id}`);
  return e;
}
const aliasTexts = (id: string) => entity(id).aliases.map((a) => a.text);

describe('the bundled dataset', () => {
  it('is what data/ compiles to now (npm run data was run)', () => {
    const yaml = (p: string) => ({ file: p, content: parse(readFileSync(join(ROOT, p), 'utf8')) });
    const texts = new Map(
      readdirSync(join(ROOT, 'data/sources')).map((n) => [n.replace(/\.txt$/, ''), readFileSync(join(ROOT, 'data/sources', n), 'utf8')]),
    );
    const result = compileDataset({
      meta: yaml('data/dataset.yaml'),
      sources: yaml('data/sources.yaml'),
      texts,
      entities: readdirSync(join(ROOT, 'data/entities'))
        .sort()
        .map((n) => yaml(`data/entities/${n}`)),
    });
    expect(result.ok && result.dataset.version).toBe(dataset.version);
  });

  it('passes the public validator, so every quote is found at its offsets', () => {
    expect(validateDataset(bundled)).toMatchObject({ ok: true });
    for (const e of dataset.entities) {
      for (const r of e.roles) {
        for (const ev of r.evidence) {
          const text = dataset.sources.find((s) => s.id === ev.source)!.text!;
          expect(text.slice(ev.start, ev.end)).toBe(ev.quote);
        }
      }
    }
  });

  it('keeps the five articles byte for byte, in data/sources and in the dataset', () => {
    const files = readdirSync(join(ROOT, 'data/sources')).sort();
    expect(files).toEqual(Object.keys(ORIGINAL_SHA256).map((id) => `${id}.txt`).sort());
    for (const [id, hash] of Object.entries(ORIGINAL_SHA256)) {
      expect(sha256(readFileSync(join(ROOT, 'data/sources', `${id}.txt`))), id).toBe(hash);
    }
    expect(dataset.sources.map((s) => s.id).sort()).toEqual(Object.keys(ORIGINAL_SHA256).sort());
    for (const s of dataset.sources) expect(sha256(s.text!), s.id).toBe(ORIGINAL_SHA256[s.id]);
  });

  it('gives each article its metadata and explains its inferred date', () => {
    for (const s of dataset.sources) {
      expect(s.id).toMatch(/^[a-z0-9-]{3,40}$/);
      expect(s.title.length).toBeGreaterThan(10);
      expect(s.published).toMatch(/^\d{4}(-\d{2})?(-\d{2})?$/);
      expect(s.publishedInferred).toBe(true);
      expect(s.publishedNote!.length).toBeGreaterThan(20);
    }
  });

  it('holds about 20 people and 40 organizations, each described', () => {
    const count = (t: string) => dataset.entities.filter((e) => e.type === t).length;
    expect(count('person')).toBeGreaterThanOrEqual(20);
    expect(count('organization')).toBeGreaterThanOrEqual(40);
    for (const e of dataset.entities) expect(e.description, e.id).toBeTruthy();
  });

  it.each([
    ['jack-ma', ['Jack Ma', 'Ma Yun', 'Ma', 'Teacher Ma', '马云']],
    ['daniel-zhang', ['Daniel Zhang', 'Zhang Yong', 'Zhang', '张勇']],
    ['alibaba-group', ['Alibaba Group', 'Alibaba', 'Ali', '阿里巴巴', '阿里巴巴集团']],
    ['ant-group', ['Ant Group', '蚂蚁集团']],
    ['taobao', ['Taobao', '淘宝']],
    ['tmall', ['Tmall', '天猫']],
    ['liu-jie', ['Liu Jie', 'Liu']],
    ['jack-ma-foundation', ['Jack Ma Foundation', 'Jack Ma Charity Foundation', 'Ma Yun Foundation', 'Jack Ma Public Welfare Foundation']],
  ])('merges the names of %s', (id, names) => {
    const folded = aliasTexts(id).map(foldText);
    for (const n of names) expect(folded, n).toContain(foldText(n));
  });

  it('marks short and ambiguous aliases contextual', () => {
    for (const [id, text] of [
      ['jack-ma', 'Ma'],
      ['alibaba-group', 'Ali'],
      ['liu-jie', 'Liu'],
      ['daniel-zhang', 'Zhang'],
    ]) {
      expect(entity(id!).aliases.find((a) => a.text === text)?.contextual, `${id} ${text}`).toBe(true);
    }
  });

  it('marks names that others share, or that are ordinary words, as needing context or case', () => {
    const alias = (id: string, text: string) => entity(id).aliases.find((a) => a.text === text);
    for (const [id, text] of [
      ['daniel-zhang', 'Zhang Yong'],
      ['daniel-zhang', '张勇'],
      ['liu-jie', 'Liu Jie'],
      ['chen-shu', 'Chen Shu'],
      ['afp', 'AFP'],
      ['china-yellow-pages', 'Chinese yellow pages'],
      ['lakeside-garden', 'Lakeside Garden'],
      ['wacai', 'dig up'],
    ] as const) {
      expect(alias(id, text)?.needsContext, `${id} ${text}`).toBe(true);
    }
    for (const [id, text] of [
      ['time-news', 'Time News'],
      ['lakeside-garden', 'Lakeside Garden'],
    ] as const) {
      expect(alias(id, text)?.caseSensitive, `${id} ${text}`).toBe(true);
    }
  });

  it('tags native-script names with their language', () => {
    for (const text of ['马云', '阿里巴巴', '蚂蚁集团', '张勇', '淘宝', '天猫']) {
      const alias = dataset.entities.flatMap((e) => e.aliases).find((a) => a.text === text);
      expect(alias?.lang, text).toMatch(/^zh/);
    }
  });

  it('names every person and organization the articles mention', () => {
    const names = [
      'Jack Ma', 'Nan Cunhui', 'Du Jiahao', 'Xu Dazhe', 'Hu Henghua', 'Zhang Hongsen', 'Liu Jie', 'Zhou Jiangyong',
      'Daniel Zhang', 'Yi Lianhong', 'Wei Zhe', 'Zhang Handong', 'Sun Haitao', 'Viya', 'Luo Xinguo',
      'Chint Group', 'General Association of Zhejiang Entrepreneurs', 'Zhejiang Entrepreneurs Magazine',
      'Zhejiang Provincial Market Supervision Bureau', 'Zhejiang Provincial Department of Commerce', 'Time News',
      'General Administration of Customs', 'NYSE', 'Hunan Provincial Party Committee', 'Hunan Provincial Government',
      'Hunan First Normal College', 'Hunan Daily', 'State Sports General Administration', 'Zhejiang University',
      'Zhejiang Business Research Institute', 'South China Morning Post', 'Hangzhou Daily', 'Ant Group',
      'Intime Retail Group', 'Haier Electrical Appliances', 'Weibo', 'Alibaba Sports Group', 'Taobao', 'Tmall',
    ];
    const all = new Set(dataset.entities.flatMap((e) => e.aliases.map((a) => foldText(a.text))));
    for (const n of names) expect(all.has(foldText(n)), n).toBe(true);
  });

  it('gives roles with dates from the articles, implied ones included', () => {
    const role = (id: string, title: RegExp) => entity(id).roles.find((r) => title.test(r.title));
    expect(role('daniel-zhang', /CEO|Chief Executive/)).toMatchObject({ start: '2015-05' });
    expect(role('daniel-zhang', /Chairman/)?.start).toBeDefined();
    expect(role('liu-jie', /secretary/i)).toMatchObject({ start: '2021-12' });
    const president = role('jack-ma', /President/)!;
    expect(president.start).toMatch(/^2015/);
    expect(president.end).toMatch(/^2022/);
    expect(president.inferred).toBe(true);
  });

  it('derives mentions for the main entities', () => {
    expect(entity('jack-ma').mentions.length).toBeGreaterThan(20);
    for (const m of entity('jack-ma').mentions) expect(m.sentence).toContain(dataset.sources.find((s) => s.id === m.source)!.text!.slice(m.start, m.end));
  });
});
