/**
 * The matcher's build as it was at FORMAT matcher-6 (a sort of folded
 * strings, a depth-first trie laid out breadth-first, filters from the
 * sorted keys), kept frozen as the oracle for compact-trie.test.ts: the
 * build from one radix sort (dictionary.ts) must give the same trie, ends
 * and filters.
 */
import type { Dictionary, Pattern } from '../../../src/matcher';
import { PAIR_HASH, tripleBit, type StartFilter } from '../../../src/matcher/start-filter';
import { foldText, foldTextKeepCase } from '../../../src/text/fold';

const FILTER_DEPTH = 4;
const SEED = 0x2545f491;
/** About this many bits per distinct prefix: a few per cent false passes. */
const BITS_PER_ITEM = 16;
const MIN_BITS_LOG2 = 10;
const MAX_BITS_LOG2 = 23;

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

function referenceStartFilter(sortedKeys: readonly string[]): StartFilter {
  const items: number[] = [];
  const pairs: number[] = [];
  const triples: number[] = [];
  let singleMask = 0;
  let shortest = FILTER_DEPTH;
  let previous = '';
  for (const key of sortedKeys) {
    if (key === previous) continue;
    let shared = 0;
    while (shared < FILTER_DEPTH && shared < key.length && key.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
    if (key.length === 1) singleMask |= 1 << (key.charCodeAt(0) & 15);
    else if (shared < 2) pairs.push((key.charCodeAt(0) << 16) | key.charCodeAt(1));
    if (key.length >= 3 && shared < 3) triples.push(key.charCodeAt(0), key.charCodeAt(1), key.charCodeAt(2));
    let hash = SEED;
    const depth = Math.min(FILTER_DEPTH, key.length);
    for (let d = 0; d < depth; d++) {
      hash = extend(hash, key.charCodeAt(d));
      // Length 1 needs no bit: the trie's root table answers it exactly.
      if (d >= shared && d > 0) items.push(hash);
    }
    if (key.length < FILTER_DEPTH) items.push(whole(hash));
    shortest = Math.min(shortest, key.length);
    previous = key;
  }
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

interface Key {
  key: string;
  pattern: number;
}

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Builds the trie from sorted keys in one pass: sorting makes every node's
 * children appear in ascending order, so edges can be laid out by a counting
 * sort on the parent without any per-node maps.
 */
export function referenceDictionary({ patterns }: { patterns: readonly Pattern[] }): Dictionary {
  const keys: Key[] = [];
  let capacity = 1;
  patterns.forEach((p, pattern) => {
    const key = foldText(p.text);
    if (key.length === 0) return;
    keys.push({ key, pattern });
    capacity += key.length;
  });
  keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.pattern - b.pattern));

  const parent = new Int32Array(capacity);
  const unit = new Uint16Array(capacity);
  const nodeGroup = new Int32Array(capacity).fill(-1);
  const groupStart: number[] = [];
  const groupPatterns = new Int32Array(keys.length);
  const path = [0];
  let nodes = 1;
  let previous = '';
  for (let k = 0; k < keys.length; k++) {
    const { key, pattern } = keys[k]!;
    if (k > 0 && key === previous) {
      groupPatterns[k] = pattern;
      continue;
    }
    const shared = commonPrefix(previous, key);
    let node = path[shared]!;
    for (let d = shared; d < key.length; d++) {
      const child = nodes++;
      parent[child] = node;
      unit[child] = key.charCodeAt(d);
      path[d + 1] = child;
      node = child;
    }
    nodeGroup[node] = groupStart.length;
    groupStart.push(k);
    groupPatterns[k] = pattern;
    previous = key;
  }
  groupStart.push(keys.length);
  const contextual = Uint8Array.from(patterns, (p) => (p.contextual ? 1 : 0));
  for (let node = 0; node < nodes; node++) {
    const group = nodeGroup[node]!;
    if (group < 0 || groupStart[group + 1]! - groupStart[group]! !== 1) continue;
    const pattern = groupPatterns[groupStart[group]!]!;
    // Only patterns with no check of their own take the fast path.
    const p = patterns[pattern]!;
    if (!p.contextual && !p.needsContext && !p.caseSensitive) nodeGroup[node] = -2 - pattern;
  }

  const { edgeStart, edgeChar, rootTable, oldOf } = breadthFirst(parent, unit, nodes);
  const words = (nodes + 31) >>> 5;
  const endBits = new Int32Array(words);
  const endRank = new Int32Array(words);
  const ends: number[] = [];
  for (let n = 0; n < nodes; n++) {
    if ((n & 31) === 0) endRank[n >>> 5] = ends.length;
    const group = nodeGroup[oldOf[n]!]!;
    if (group === -1) continue;
    endBits[n >>> 5]! |= 1 << (n & 31);
    ends.push(group);
  }

  return {
    ...referenceStartFilter(keys.map((k) => k.key)),
    rootTable,
    edgeStart,
    edgeChar,
    endBits,
    endRank,
    endGroup: Int32Array.from(ends),
    // It cut no tails: every name's units are nodes of its trie.
    tailStart: new Int32Array(ends.length + 1),
    tailUnits: new Uint16Array(0),
    groupStart: Int32Array.from(groupStart),
    groupPatterns,
    contextual,
    needsContext: Uint8Array.from(patterns, (p) => (p.needsContext ? 1 : 0)),
    entity: Int32Array.from(patterns, (p) => p.entity),
    person: Uint8Array.from(patterns, (p) => (p.person ? 1 : 0)),
    casedText: patterns.map((p) => (p.contextual || p.caseSensitive ? foldTextKeepCase(p.text) : '')),
  };
}

/**
 * Lays the trie out breadth-first from its parent links (nodes are in
 * depth-first order, each after its parent, children by ascending unit).
 * `oldOf[n]` is the depth-first number of breadth-first node n.
 */
function breadthFirst(parent: Int32Array, unit: Uint16Array, nodes: number) {
  // Depth-first children, grouped by parent with a counting sort.
  const childStart = new Int32Array(nodes + 1);
  for (let n = 1; n < nodes; n++) childStart[parent[n]! + 1]!++;
  for (let n = 0; n < nodes; n++) childStart[n + 1]! += childStart[n]!;
  const fill = childStart.slice(0, nodes);
  const children = new Int32Array(Math.max(nodes - 1, 0));
  for (let n = 1; n < nodes; n++) children[fill[parent[n]!]!++] = n;

  const oldOf = new Int32Array(nodes);
  const edgeStart = new Int32Array(nodes + 1);
  const edgeChar = new Uint16Array(Math.max(nodes - 1, 0));
  const rootTable = new Int32Array(0x10000);
  let next = 1;
  for (let n = 0; n < nodes; n++) {
    const old = oldOf[n]!;
    edgeStart[n] = next - 1;
    for (let c = childStart[old]!; c < childStart[old + 1]!; c++) {
      const child = children[c]!;
      oldOf[next] = child;
      edgeChar[next - 1] = unit[child]!;
      if (n === 0) rootTable[unit[child]!] = next;
      next++;
    }
  }
  edgeStart[nodes] = Math.max(nodes - 1, 0);
  return { edgeStart, edgeChar, rootTable, oldOf };
}

