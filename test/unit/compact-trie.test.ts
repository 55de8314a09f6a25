import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/synthetic-dataset';
import { buildDictionary, scan, type Dictionary, type Pattern } from '../../src/matcher';
import { childOf, endAt, nodeCount } from '../../src/matcher/dictionary';
import { foldText } from '../../src/text/fold';
import { referenceDictionary } from './support/reference-dictionary';

/** Random names over a small alphabet, so they share prefixes and whole names repeat across entities. */
function randomPatterns(rnd: () => number, count: number): Pattern[] {
  const letters = 'abcdeéAB京阿';
  const word = () => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => letters[Math.floor(rnd() * letters.length)]).join('');
  return Array.from({ length: count }, (_, entity) => ({
    text: Array.from({ length: 1 + Math.floor(rnd() * 3) }, word).join(' '),
    contextual: false,
    entity,
  }));
}

function tailAt(d: Dictionary, end: number): string {
  return String.fromCharCode(...d.tailUnits.subarray(d.tailStart[end]!, d.tailStart[end + 1]!));
}

/** Every string the trie spells, with its tails, and the patterns that end there, read through the compact layout only. */
function contents(d: Dictionary): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const walk = (node: number, prefix: string) => {
    const end = endAt(d, node);
    if (end >= 0) {
      const tail = tailAt(d, end);
      // Only a node with no edges goes on in a tail.
      if (tail) expect(d.edgeStart[node]).toBe(d.edgeStart[node + 1]);
      const group = d.endGroup[end]!;
      out.set(prefix + tail, group < -1 ? [-2 - group] : Array.from(d.groupPatterns.subarray(d.groupStart[group]!, d.groupStart[group + 1]!)));
    }
    for (let e = d.edgeStart[node]!; e < d.edgeStart[node + 1]!; e++) {
      const unit = d.edgeChar[e]!;
      expect(childOf(d, node, unit)).toBe(e + 1);
      if (node === 0) expect(d.rootTable[unit]).toBe(e + 1);
      walk(e + 1, prefix + String.fromCharCode(unit));
    }
  };
  walk(0, '');
  return out;
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a.constructor === b.constructor && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** The parts the trie's layout does not decide: the start filters, the root table and the per-pattern arrays. */
const UNLAID = ['rootTable', 'pairBits', 'pairShift', 'singleMask', 'tripleBits', 'tripleShift', 'startBits', 'startShift', 'startShortest', 'contextual', 'needsContext', 'entity', 'person', 'casedText'] as const;

/**
 * Builds both ways and expects the same filters, root table and pattern
 * arrays, and the same names with the same patterns: the reference cut no
 * tails, so its nodes and groups are numbered differently.
 */
function sameAsReference(patterns: Pattern[]): { built: Dictionary; reference: Dictionary } {
  const built = buildDictionary({ patterns });
  const reference = referenceDictionary({ patterns });
  for (const part of UNLAID) {
    const value = built[part];
    const other = reference[part];
    // Typed arrays compared as bytes: toEqual walks 64k-entry tables an element at a time.
    if (ArrayBuffer.isView(value)) expect(sameBytes(value, other as ArrayBufferView), part).toBe(true);
    else expect(value, part).toEqual(other);
  }
  const sorted = (d: Dictionary) => new Map([...contents(d)].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));
  expect(sorted(built)).toEqual(sorted(reference));
  return { built, reference };
}

describe('compact trie', () => {
  it('spells exactly the folded names, each with every pattern that has it', () => {
    const rnd = seededRandom(11);
    for (let round = 0; round < 30; round++) {
      const patterns = randomPatterns(rnd, 1 + Math.floor(rnd() * 60));
      const expected = new Map<string, number[]>();
      patterns.forEach((p, i) => expected.set(foldText(p.text), [...(expected.get(foldText(p.text)) ?? []), i]));
      const d = buildDictionary({ patterns });
      const got = contents(d);
      expect(new Map([...got].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]))).toEqual(expected);
      // Every name ends at its own node: the end bitset holds one entry per distinct name.
      expect(d.endGroup.length).toBe(expected.size);
      expect(nodeCount(d)).toBeGreaterThanOrEqual(expected.size);
    }
  });

  it('finds every name in text made of names and non-names, with all its patterns', () => {
    const rnd = seededRandom(12);
    for (let round = 0; round < 30; round++) {
      const patterns = randomPatterns(rnd, 1 + Math.floor(rnd() * 60));
      const byKey = new Map<string, number[]>();
      patterns.forEach((p, i) => byKey.set(foldText(p.text), [...(byKey.get(foldText(p.text)) ?? []), i]));
      const d = buildDictionary({ patterns });
      let text = '';
      const expected: string[] = [];
      for (let t = 0; t < 40; t++) {
        if (text) text += ', ';
        if (rnd() < 0.3) {
          text += String(Math.floor(rnd() * 1000));
          continue;
        }
        const p = patterns[Math.floor(rnd() * patterns.length)]!;
        const written = rnd() < 0.5 ? p.text.toUpperCase() : p.text;
        expected.push(`${text.length}-${text.length + written.length}:${byKey.get(foldText(p.text))!.join(',')}`);
        text += written;
      }
      const found = scan({ dictionary: d, text }).map((m) => `${m.start}-${m.end}:${[...m.patterns].sort((a, b) => a - b).join(',')}`);
      expect(found, text).toEqual(expected);
    }
  });

  it('stores the units a name shares with no other as one tail, below the levels the start filters read', () => {
    const patterns = ['Alibaba Group', 'Alibaba Cloud', 'Ant', 'Antler Bay'].map((text, entity) => ({ text, contextual: false, entity }));
    const d = buildDictionary({ patterns });
    const tails = Array.from({ length: d.endGroup.length }, (_, end) => tailAt(d, end)).sort();
    // "antler bay" shares "ant" with "ant", a name of its own, and keeps the top four levels whole.
    expect(tails).toEqual(['', 'er bay', 'loud', 'roup']);
    // The root, "alibaba " and one node past it for each, "nt" below its "a", and "l".
    expect(nodeCount(d)).toBe(1 + 8 + 2 + 2 + 1);
    expect(scan({ dictionary: d, text: 'Alibaba Clouds, Alibaba Cloud and Antler  Bay' }).map((m) => m.patterns)).toEqual([[1], [3]]);
  });

  it('spells the same names, with the same filters, as the sort-based build it replaced', () => {
    const rnd = seededRandom(13);
    const flags = () => ({ contextual: rnd() < 0.1, needsContext: rnd() < 0.1, caseSensitive: rnd() < 0.1, person: rnd() < 0.5 });
    for (let round = 0; round < 25; round++) {
      const base = randomPatterns(rnd, Math.floor(rnd() * 200));
      // Repeated names, names spelled with spaces and marks that fold away, and empty ones.
      const patterns: Pattern[] = base.map((p) => ({ ...p, ...flags(), text: rnd() < 0.1 ? ` ${p.text}\u0301  x ` : rnd() < 0.05 ? ' ' : p.text }));
      for (let i = 0; i < base.length / 5; i++) patterns.push({ ...patterns[Math.floor(rnd() * patterns.length)]!, ...flags(), entity: patterns.length });
      const { built, reference } = sameAsReference(patterns);
      const text = Array.from({ length: 30 }, () => patterns[Math.floor(rnd() * patterns.length)]?.text ?? 'a').join(rnd() < 0.5 ? ' ' : ', ');
      expect(scan({ dictionary: built, text })).toEqual(scan({ dictionary: reference, text }));
    }
  });

  it('builds the same as the sort-based build where many names share a prefix', () => {
    // Long runs of names take radix passes of packed keys, short ones are finished unit by unit (sorted-names.ts).
    const patterns = randomPatterns(seededRandom(14), 20_000);
    expect(nodeCount(sameAsReference(patterns).built)).toBeGreaterThan(1);
  });
});

