import type { Dictionary } from './dictionary';

/**
 * The automaton as the worker stores it: every array in one ArrayBuffer and
 * every string in one string. A structured clone (an IndexedDB write or
 * read) then copies two blocks of memory instead of rebuilding 1M strings
 * (casedText) and twenty-odd buffers; the arrays unpack as views on the
 * buffer, with no copy. See bench/RESULTS.md, "Cold start".
 */
export interface PackedDictionary {
  buffer: ArrayBuffer;
  /** Each array's name, kind, element offset (in its own unit size) and length, in buffer order. */
  parts: [name: string, kind: Kind, offset: number, length: number][];
  numbers: Record<string, number>;
  /** The non-empty casedText entries, one after another; casedPattern and casedEnd (in `buffer`) say whose and where. */
  cased: string;
}

type Kind = 'i32' | 'u16' | 'u8';
type Typed = Int32Array | Uint16Array | Uint8Array;

const BYTES: Record<Kind, number> = { i32: 4, u16: 2, u8: 1 };

function kindOf(value: Typed): Kind {
  if (value instanceof Int32Array) return 'i32';
  return value instanceof Uint16Array ? 'u16' : 'u8';
}

function view(buffer: ArrayBuffer, kind: Kind, offset: number, length: number): Typed {
  if (kind === 'i32') return new Int32Array(buffer, offset * 4, length);
  return kind === 'u16' ? new Uint16Array(buffer, offset * 2, length) : new Uint8Array(buffer, offset, length);
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
  // Widest first, so every array starts aligned to its own element size.
  arrays.sort(([, a], [, b]) => BYTES[kindOf(b)] - BYTES[kindOf(a)]);
  let bytes = 0;
  const parts: PackedDictionary['parts'] = arrays.map(([name, value]) => {
    const kind = kindOf(value);
    const part: PackedDictionary['parts'][number] = [name, kind, bytes / BYTES[kind], value.length];
    bytes += value.byteLength;
    return part;
  });
  const buffer = new ArrayBuffer(bytes);
  arrays.forEach(([, value], i) => view(buffer, parts[i]![1], parts[i]![2], value.length).set(value));
  return { buffer, parts, numbers, cased };
}

export function unpackDictionary(packed: PackedDictionary): Dictionary {
  const arrays: Record<string, Typed> = {};
  for (const [name, kind, offset, length] of packed.parts) arrays[name] = view(packed.buffer, kind, offset, length);
  const { casedPattern, casedEnd, ...trie } = arrays as Record<'casedPattern' | 'casedEnd', Int32Array> & Record<string, Typed>;
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

/** Strings as one string and where each ends: a clone copies one block, not one string each. */
export interface PackedStrings {
  text: string;
  end: Int32Array;
}

export function packStrings(list: readonly string[]): PackedStrings {
  const end = new Int32Array(list.length);
  let at = 0;
  list.forEach((s, i) => (end[i] = at += s.length));
  return { text: list.join(''), end };
}

export function stringAt({ text, end }: PackedStrings, i: number): string {
  return text.slice(i === 0 ? 0 : end[i - 1], end[i]);
}
