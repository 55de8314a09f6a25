import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/synthetic-dataset';
import { buildDictionary, scan, type Pattern } from '../../src/matcher';
import { packDictionary, packStrings, stringAt, unpackDictionary } from '../../src/matcher/packed';

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
      expect(Object.keys(back).sort()).toEqual(Object.keys(built).sort());
      for (const [part, value] of Object.entries(built)) {
        const other = back[part as keyof typeof back];
        if (ArrayBuffer.isView(value)) {
          expect(other, part).toBeInstanceOf(value.constructor);
          const bytes = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
          // As bytes: toEqual walks a 64k-entry table an element at a time.
          expect(bytes(other as ArrayBufferView).equals(bytes(value)), part).toBe(true);
        } else {
          expect(other, part).toEqual(value);
        }
      }
      // Every array is a view on the one buffer: nothing else to clone.
      for (const value of Object.values(back)) if (ArrayBuffer.isView(value)) expect(value.buffer).toBe(packed.buffer);
      const text = patterns.map((p) => (rnd() < 0.5 ? p.text : p.text.toUpperCase())).join(' and ');
      expect(scan({ dictionary: back, text })).toEqual(scan({ dictionary: built, text }));
    }
  });

  it('packs strings, empty ones too, into one string', () => {
    const list = ['a/1', '', 'dataset/ü', '', 'x'];
    const packed = structuredClone(packStrings(list));
    expect(list.map((_, i) => stringAt(packed, i))).toEqual(list);
  });
});
