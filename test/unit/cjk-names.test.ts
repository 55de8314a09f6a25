import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { patternsFromEntities } from '../../src/dataset/patterns';
import type { Entity } from '../../src/dataset/schema';
import { buildDictionary, scanCandidates, scanPage } from '../../src/matcher';
import { hanNameBounded } from '../../src/matcher/cjk-names';

const PEOPLE = ['马云', '张勇', '陈数', '蔡崇信', '刘捷', '周江勇', '孙海涛', '卫哲', '南存辉', '易炼红', '俞飞鸿', '彭蕾'];
const ORGANIZATIONS = ['阿里巴巴', '阿里巴巴集团', '淘宝', '正泰集团', '斑马'];
const entities: Pick<Entity, 'aliases' | 'type'>[] = [
  ...PEOPLE.map((text) => ({ type: 'person' as const, aliases: [{ text }] })),
  ...ORGANIZATIONS.map((text) => ({ type: 'organization' as const, aliases: [{ text }] })),
];
const dictionary = buildDictionary({ patterns: patternsFromEntities(entities) });
const isPerson = (entity: number) => entities[entity]!.type === 'person';

interface Sentence {
  text: string;
  /** "start:end" of each name the sentence means. */
  expected: Set<string>;
}

/** A fixture line without its brackets, and where the bracketed names stood. */
function parse(line: string): Sentence {
  const expected = new Set<string>();
  let text = '';
  for (const part of line.split(/(\[[^\]]*\])/)) {
    if (part.startsWith('[')) {
      const name = part.slice(1, -1);
      expected.add(`${text.length}:${text.length + name.length}`);
      text += name;
    } else {
      text += part;
    }
  }
  return { text, expected };
}

const lines = readFileSync(resolve(import.meta.dirname, 'fixtures/cjk-names.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));
const toTraditional = Converter({ from: 'cn', to: 'tw' });

function measure(sentences: Sentence[]) {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const wrong: string[] = [];
  for (const { text, expected } of sentences) {
    const found = new Set(
      scanCandidates({ dictionary, text })
        .filter((m) => m.entities.some(isPerson))
        .map((m) => `${m.start}:${m.end}`),
    );
    for (const span of found) {
      if (expected.has(span)) truePositives++;
      else {
        falsePositives++;
        wrong.push(`false: ${text}`);
      }
    }
    for (const span of expected) {
      if (!found.has(span)) {
        falseNegatives++;
        wrong.push(`missed: ${text}`);
      }
    }
  }
  return {
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
    wrong,
  };
}

describe('Han name boundaries, measured on the fixtures', () => {
  const sentences = lines.map(parse);
  const positive = sentences.filter((s) => s.expected.size > 0);
  const negative = sentences.filter((s) => s.expected.size === 0);

  it('has at least 40 sentences each way, every negative one holding a name', () => {
    expect(positive.length).toBeGreaterThanOrEqual(40);
    expect(negative.length).toBeGreaterThanOrEqual(40);
    for (const { text } of negative) expect(PEOPLE.some((name) => text.includes(name)), text).toBe(true);
  });

  // The figures README reports; printed so that a change to the table shows its cost.
  it.each([
    ['Simplified', sentences],
    ['Traditional', lines.map((line) => parse(toTraditional(line)))],
  ])('keeps precision at 1 and recall above 0.85 (%s)', (script, measured) => {
    const { precision, recall, wrong } = measure(measured);
    console.log(`Han name boundaries (${script}): precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n  ${wrong.join('\n  ')}`);
    expect(wrong.filter((w) => w.startsWith('false'))).toEqual([]);
    expect(recall).toBeGreaterThan(0.85);
  });

  it('has every negative sentence turn on the rule, not on the dictionary', () => {
    for (const { text } of negative) {
      const name = PEOPLE.find((n) => text.includes(n))!;
      const at = text.indexOf(name);
      expect(hanNameBounded(text, at, at + name.length), text).toBe(false);
    }
  });
});

describe('Han name boundaries', () => {
  const found = (text: string) => scanPage({ dictionary, text }).map((m) => text.slice(m.start, m.end));

  it('leave organizations inside longer words alone', () => {
    expect(found('阿里巴巴集团旗下的淘宝网')).toEqual(['阿里巴巴集团', '淘宝']);
    expect(found('斑马云计算平台')).toEqual(['斑马']);
  });
  it('treat a neighbour that is not Han as a boundary', () => {
    expect(found('CEO张勇/马云 said')).toEqual(['张勇', '马云']);
    expect(found('马云は日本を訪れた')).toEqual(['马云']);
  });
  it('read Traditional neighbours as their Simplified forms', () => {
    expect(found('馬雲說，張勇表示')).toEqual(['馬雲', '張勇']);
    expect(found('馬雲飛和張勇軍')).toEqual([]);
  });
});
