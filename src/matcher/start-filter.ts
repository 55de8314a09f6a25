import { charClass, classTable, foldTable, IGNORED, SPACE } from '../text/fold';

/**
 * Filters that reject most word starts before the trie is touched.
 *
 * Why: in English text nearly every word starts with a letter that begins
 * some name, but at 100k names two thirds of the walks die at the second unit
 * and most of the rest by the fourth. Each of those walks costs a few cache
 * misses in the multi-megabyte trie arrays, and a branch that the CPU cannot
 * predict; the filters are small bitsets.
 *
 * Three stages, all Bloom-style (they may pass a start that matches nothing,
 * never reject one that matches):
 * - the pair filter: the first two folded units, tested inline by the scan
 *   loop at every word start (see scan.ts), plus `singleMask` for one-unit
 *   names, which need no second unit;
 * - the triple filter: the first three, tested inline where the next two
 *   units are letters (see tripleBit);
 * - the prefix filter (`startMayMatch`): up to FILTER_DEPTH units read exactly
 *   as the trie walk reads them (ignored characters skipped, a whitespace run
 *   as one space); a start passes only if they are a whole name shorter than
 *   FILTER_DEPTH or a prefix of a longer one.
 */
export interface StartFilter {
  /** Pair filter bitset, 32 bits per element; see PAIR_HASH. */
  pairBits: Int32Array;
  pairShift: number;
  /** Bit `unit & 15` is set for every one-unit name `unit` (16 bits: the number stays a small integer, so V8 keeps one object shape). */
  singleMask: number;
  /**
   * Triple filter bitset, 32 bits per element: the first three folded units
   * of every name of three or more, tested by the scan loop where a word
   * start's next two units are letters (see tripleBit).
   */
  tripleBits: Int32Array;
  tripleShift: number;
  /** Prefix filter bitset, 32 bits per element. */
  startBits: Int32Array;
  /** A hash's bit index is `hash >>> startShift`. */
  startShift: number;
  /** The length of the shortest name: no whole-name bit to test below it. */
  startShortest: number;
}

/** The prefix filter's depth: the trie keeps its top this many levels whole for it (trie-layout.ts). */
export const FILTER_DEPTH = 4;
const SEED = 0x2545f491;
/** About this many bits per distinct prefix: a few per cent false passes. */
const BITS_PER_ITEM = 16;
const MIN_BITS_LOG2 = 10;
const MAX_BITS_LOG2 = 23;

/**
 * The pair filter's bit for folded units `first`, `second` is
 * `Math.imul((first << 16) | second, PAIR_HASH) >>> pairShift`; the scan loop
 * computes it inline. A one-unit name `u` sets bit `u & 15` of singleMask.
 */
export const PAIR_HASH = 0x9e3779b1;

/**
 * The triple filter's bit for folded units `a`, `b`, `c`; the scan loop
 * computes the same inline.
 */
export function tripleBit(a: number, b: number, c: number, shift: number): number {
  return Math.imul(Math.imul((a << 16) | b, PAIR_HASH) ^ c, TRIPLE_HASH) >>> shift;
}
export const TRIPLE_HASH = 0x27d4eb2f;

/** The hash of a prefix extended by one unit. */
function extend(hash: number, unit: number): number {
  const h = Math.imul(hash ^ unit, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/** The hash that marks a prefix as a whole name (distinct from it as a prefix). */
function whole(prefixHash: number): number {
  const h = Math.imul(prefixHash ^ 0x5bd1e995, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function has(f: StartFilter, hash: number): boolean {
  const bit = hash >>> f.startShift;
  return ((f.startBits[bit >>> 5]! >>> (bit & 31)) & 1) === 1;
}

/** The parts of the breadth-first trie (dictionary.ts) the filters are read from. */
interface TrieTop {
  edgeStart: Int32Array;
  edgeChar: Uint16Array;
  endBits: Int32Array;
}

/**
 * Builds the filters from the top FILTER_DEPTH levels of the trie: each of
 * its nodes is one distinct prefix, so each is hashed once.
 */
export function buildStartFilter(trie: TrieTop): StartFilter {
  const items: number[] = [];
  const pairs: number[] = [];
  const triples: number[] = [];
  let singleMask = 0;
  let shortest = FILTER_DEPTH;
  const ends = (node: number) => ((trie.endBits[node >>> 5]! >>> (node & 31)) & 1) === 1;
  const visit = (node: number, depth: number, hash: number, prefix: number[]) => {
    if (depth > 0 && ends(node)) {
      shortest = Math.min(shortest, depth);
      if (depth === 1) singleMask |= 1 << (prefix[0]! & 15);
      if (depth < FILTER_DEPTH) items.push(whole(hash));
    }
    // Length 1 needs no bit: the trie's root table answers it exactly.
    if (depth >= 2) items.push(hash);
    if (depth === 2) pairs.push((prefix[0]! << 16) | prefix[1]!);
    if (depth === 3) triples.push(prefix[0]!, prefix[1]!, prefix[2]!);
    if (depth === FILTER_DEPTH) return;
    for (let e = trie.edgeStart[node]!; e < trie.edgeStart[node + 1]!; e++) {
      prefix[depth] = trie.edgeChar[e]!;
      visit(e + 1, depth + 1, extend(hash, prefix[depth]), prefix);
    }
  };
  visit(0, 0, SEED, []);
  const pairLog2 = bitsLog2(pairs.length);
  const startLog2 = bitsLog2(items.length);
  const tripleLog2 = bitsLog2(triples.length / 3);
  const filter: StartFilter = {
    pairBits: new Int32Array(2 ** (pairLog2 - 5)),
    pairShift: 32 - pairLog2,
    singleMask,
    tripleBits: new Int32Array(2 ** (tripleLog2 - 5)),
    tripleShift: 32 - tripleLog2,
    startBits: new Int32Array(2 ** (startLog2 - 5)),
    startShift: 32 - startLog2,
    startShortest: shortest,
  };
  for (const pair of pairs) setBit(filter.pairBits, Math.imul(pair, PAIR_HASH) >>> filter.pairShift);
  for (const hash of items) setBit(filter.startBits, hash >>> filter.startShift);
  for (let t = 0; t < triples.length; t += 3) setBit(filter.tripleBits, tripleBit(triples[t]!, triples[t + 1]!, triples[t + 2]!, filter.tripleShift));
  return filter;
}

function bitsLog2(items: number): number {
  let log2 = MIN_BITS_LOG2;
  while (log2 < MAX_BITS_LOG2 && 2 ** log2 < items * BITS_PER_ITEM) log2++;
  return log2;
}

function setBit(bits: Int32Array, bit: number): void {
  bits[bit >>> 5]! |= 1 << (bit & 31);
}

/**
 * Whether a name may start at `start`, whose first folded unit is `first`.
 * Reads the following units the way the trie walk does (ignored characters
 * skipped, a whitespace run as one space), so it agrees with the walk.
 */
export function startMayMatch(f: StartFilter, text: string, start: number, first: number): boolean {
  const n = text.length;
  let hash = extend(SEED, first);
  let j = start + 1;
  for (let depth = 1; ; depth++) {
    if (depth >= f.startShortest && has(f, whole(hash))) return true;
    let c: number;
    let cls: number;
    do {
      if (j >= n) return false;
      c = text.charCodeAt(j++);
      cls = classTable[c]!;
      if (cls === 0) cls = charClass(c);
    } while (cls === IGNORED);
    let unit: number;
    if (cls === SPACE) {
      unit = 0x20;
      while (j < n && ((cls = charClass(text.charCodeAt(j))) === SPACE || cls === IGNORED)) j++;
    } else {
      unit = foldTable[c]!;
    }
    hash = extend(hash, unit);
    if (!has(f, hash)) return false;
    if (depth + 1 === FILTER_DEPTH) return true;
  }
}
