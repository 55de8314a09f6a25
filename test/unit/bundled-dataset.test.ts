import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileDataset } from '../../scripts/lib/compile';
import bundled from '../../assets/dataset.json';
import type { Dataset } from '../../src/dataset/schema';
import { validateDataset } from '../../src/dataset/validate';
import { foldText } from '../../src/text/fold';

const ROOT = join(import.meta.dirname, '../..');
const dataset = bundled as Dataset;
const SHARED = join(ROOT, '../shared/sources');

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
          const text = dataset.sources.find((s) => s.id === ev.source)!.text;
          expect(text.slice(ev.start, ev.end)).toBe(ev.quote);
        }
      }
    }
  });

  it('keeps the five articles unchanged, with metadata and an inferred date explained', () => {
    const originals = readdirSync(SHARED).map((n) => readFileSync(join(SHARED, n), 'utf8'));
    expect(dataset.sources).toHaveLength(5);
    for (const s of dataset.sources) {
      expect(originals).toContain(s.text);
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
    for (const m of entity('jack-ma').mentions) expect(m.sentence).toContain(dataset.sources.find((s) => s.id === m.source)!.text.slice(m.start, m.end));
  });
});
