import { packArrays, unpackArrays, type PackedArrays, type Typed } from '../packing/arrays';
import type { Dictionary } from './dictionary';

/**
 * The automaton as the worker stores it: every array in one ArrayBuffer and
 * every string in one string. A structured clone (an IndexedDB write or
 * read) then copies two blocks of memory instead of rebuilding 1M strings
 * (casedText) and twenty-odd buffers; the arrays unpack as views on the
 * buffer, with no copy. See bench/RESULTS.md, "Cold start".
 */
export interface PackedDictionary extends PackedArrays {
  numbers: Record<string, number>;
  /** The non-empty casedText entries, one after another; casedPattern and casedEnd (in `buffer`) say whose and where. */
  cased: string;
}

export function packDictionary(d: Dictionary): PackedDictionary {
  const casedPattern: number[] = [];
  const casedEnd: number[] = [];
  let cased = '';
  d.casedText.forEach((text, pattern) => {
    if (text === '') return;
    casedPattern.push(pattern);
    cased += text;
    casedEnd.push(cased.length);
  });
  const arrays: [string, Typed][] = [];
  const numbers: Record<string, number> = {};
  for (const [name, value] of Object.entries(d)) {
    if (typeof value === 'number') numbers[name] = value;
    else if (ArrayBuffer.isView(value)) arrays.push([name, value as Typed]);
  }
  arrays.push(['casedPattern', Int32Array.from(casedPattern)], ['casedEnd', Int32Array.from(casedEnd)]);
  return { ...packArrays(arrays), numbers, cased };
}

export function unpackDictionary(packed: PackedDictionary): Dictionary {
  const { casedPattern, casedEnd, ...trie } = unpackArrays(packed) as Record<'casedPattern' | 'casedEnd', Int32Array> & Record<string, Typed>;
  // Only the few contextual and case-sensitive names have text; the rest share ''.
  const casedText = new Array<string>(trie.entity!.length).fill('');
  let at = 0;
  casedPattern.forEach((pattern, i) => {
    casedText[pattern] = packed.cased.slice(at, casedEnd[i]);
    at = casedEnd[i]!;
  });
  // Built in one literal, not by deleting the two cased arrays: a delete leaves the object in dictionary mode, a hash lookup on every property read of the scan.
  return { ...packed.numbers, ...trie, casedText } as unknown as Dictionary;
}
