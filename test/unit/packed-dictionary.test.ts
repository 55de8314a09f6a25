import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/synthetic-dataset';
import { buildDictionary, scan, type Pattern } from '../../src/matcher';
import { packDictionary, unpackDictionary } from '../../src/matcher/packed';
import { packStrings, stringAt, unpackStrings } from '../../src/packing/strings';
import { expectSameParts } from './support/same-parts';

function randomPatterns(rnd: () => number, count: number): Pattern[] {
  const words = ['Ma', 'Ali', 'AFP', 'zhang wei', '阿里巴巴', 'Jack', 'Alibaba Group', 'ma yun', 'ÉLYSÉE'];
  return Array.from({ length: count }, (_, entity) => ({
    text: `${words[Math.floor(rnd() * words.length)]!}${rnd() < 0.5 ? '' : ` ${entity % 7}`}`,
    contextual: rnd() < 0.2,
    caseSensitive: rnd() < 0.2,
    needsContext: rnd() < 0.1,
    person: rnd() < 0.5,
    entity,
  }));
}

describe('packed automaton', () => {
  it('comes back from a structured clone as the same dictionary, and finds the same names', () => {
    const rnd = seededRandom(21);
    for (let round = 0; round < 10; round++) {
      const patterns = randomPatterns(rnd, 1 + Math.floor(rnd() * 80));
      const built = buildDictionary({ patterns });
      const packed = structuredClone(packDictionary(built));
      const back = unpackDictionary(packed);
      expectSameParts(back, built, packed.buffer);
      const text = patterns.map((p) => (rnd() < 0.5 ? p.text : p.text.toUpperCase())).join(' and ');
      expect(scan({ dictionary: back, text })).toEqual(scan({ dictionary: built, text }));
    }
  });

  it('packs strings, empty ones too, into one string', () => {
    const list = ['a/1', '', 'dataset/ü', '', 'x'];
    const packed = structuredClone(packStrings(list));
    expect(list.map((_, i) => stringAt(packed, i))).toEqual(list);
    expect(unpackStrings(packed)).toEqual(list);
  });
});
