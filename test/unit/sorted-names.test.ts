import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/synthetic-dataset';
import { sortNames, type FoldedNames } from '../../src/matcher/sorted-names';

/** Names as sortNames takes them, their units taken as they are (no folding). */
function flat(texts: readonly string[]): FoldedNames {
  const units = new Uint16Array(texts.reduce((sum, t) => sum + t.length, 0));
  const start = new Int32Array(texts.length);
  const end = new Int32Array(texts.length);
  const used = new Uint8Array(0x10000);
  let at = 0;
  texts.forEach((text, i) => {
    start[i] = at;
    for (let j = 0; j < text.length; j++) used[(units[at++] = text.charCodeAt(j))] = 1;
    end[i] = at;
  });
  const longest = texts.reduce((max, t) => Math.max(max, t.length), 0);
  return { units, start, end, pattern: Int32Array.from(texts, (_, i) => i), count: texts.length, longest, used };
}

/** The order a string sort gives (by UTF-16 unit, then pattern), and what each name shares with the one before. */
function expected(texts: readonly string[]): { pattern: number[]; shared: number[] } {
  const pattern = texts.map((_, i) => i).sort((a, b) => (texts[a]! < texts[b]! ? -1 : texts[a]! > texts[b]! ? 1 : a - b));
  const shared = pattern.map((p, i) => {
    if (i === 0) return 0;
    const before = texts[pattern[i - 1]!]!;
    const text = texts[p]!;
    if (before === text) return -1;
    let l = 0;
    while (l < text.length && text.charCodeAt(l) === before.charCodeAt(l)) l++;
    return l;
  });
  return { pattern, shared };
}

function expectSorted(texts: readonly string[]): void {
  const names = flat(texts);
  const shared = sortNames(names);
  const want = expected(texts);
  expect(Array.from(names.pattern)).toEqual(want.pattern);
  expect(Array.from(shared)).toEqual(want.shared);
  // Each name's units moved with its pattern.
  const textAt = (i: number) => Array.from(names.units.subarray(names.start[i], names.end[i]), (u) => String.fromCharCode(u)).join('');
  expect(Array.from(names.pattern, (_, i) => textAt(i))).toEqual(want.pattern.map((p) => texts[p]));
}

function randomTexts(seed: number, count: number, letters: string, maxLength: number): string[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(rnd() * maxLength) }, () => letters[Math.floor(rnd() * letters.length)]).join(''));
}

describe('sortNames', () => {
  it('sorts nothing, one name, and short runs that are finished by comparing units', () => {
    expectSorted([]);
    expectSorted(['abc']);
    expectSorted(['b', 'ab', 'a', 'abc', 'ab', 'a']);
    expectSorted(randomTexts(1, 30, 'ab', 6));
  });

  it('sorts runs too long to finish by comparing units, with repeats and names that begin others', () => {
    for (const count of [33, 500, 5_000, 20_000]) expectSorted(randomTexts(count, count, 'abc', 8));
  });

  it('keeps equal names in pattern order even where a long run of them ends inside one key', () => {
    const texts = Array.from({ length: 300 }, (_, i) => ['ab', 'abc', 'abcdefghij', 'b'][i % 4]!);
    expectSorted(texts);
  });

  it('sorts names that share a long prefix, so that runs take many passes or agree on a whole key', () => {
    const prefix = 'hangzhou weiminghong steel '.repeat(3);
    const tails = randomTexts(2, 3_000, 'abcdefg ', 5);
    expectSorted(tails.map((t, i) => (i % 3 === 0 ? t : prefix + t)));
  });

  it('sorts over the whole range of code units, where a digit takes 17 bits', () => {
    const rnd = seededRandom(3);
    const every = Array.from({ length: 0x10000 }, (_, u) => String.fromCharCode(u)).join('');
    const texts = Array.from({ length: 5_000 }, () =>
      Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => String.fromCharCode(rnd() < 0.5 ? Math.floor(rnd() * 0x10000) : 0xffff - Math.floor(rnd() * 3))).join(''),
    );
    expectSorted([...texts, every, every.slice(0, 3), '\u0000', '\uffff']);
  });
});
