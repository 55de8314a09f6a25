import { foldTextInto, foldTextKeepCase } from '../text/fold';
import { buildStartFilter, type StartFilter } from './start-filter';

/** One name to find. `entity` is the caller's index; the matcher never interprets it. */
export interface Pattern {
  text: string;
  /** Matched case-sensitively and only where it stands alone; see scan.ts. */
  contextual: boolean;
  /** A full name that counts only where the page supports it (resolve.ts); matched like any other. */
  needsContext?: boolean;
  /** Matched only with its own case; contextual patterns always are. */
  caseSensitive?: boolean;
  entity: number;
  /** A person's name: written in Han it must not run into a longer name (cjk-names.ts). */
  person?: boolean;
}

/**
 * A compiled trie in flat typed arrays, so it can be built once per dataset
 * version and handed to every page without rebuilding it.
 *
 * Node 0 is the root. Nodes are numbered breadth-first, so the children of
 * node n are contiguous: edges edgeStart[n] .. edgeStart[n + 1] - 1, sorted
 * by folded code unit, and edge e leads to node e + 1. No per-edge target
 * array is stored (it was 4 of the 14 bytes per node).
 * The start filter (start-filter.ts) rejects most word starts before the trie.
 */
export interface Dictionary extends StartFilter {
  /** The root's children, indexed directly by folded code unit (0: none). */
  rootTable: Int32Array;
  edgeStart: Int32Array;
  edgeChar: Uint16Array;
  /**
   * Which nodes end a name, one bit per node. At 1M names only one node in
   * ten does, so a per-node Int32 (43 of 130 MB) gave way to this bitset,
   * a rank per 32 nodes and one entry per ending node; see groupAt.
   */
  endBits: Int32Array;
  /** Per 32 nodes: how many nodes before them end a name. */
  endRank: Int32Array;
  /**
   * Per node that ends a name, in node order: -2 - p the one pattern p, which
   * needs neither context nor case (most names: no group lookup, no cache
   * miss); g >= 0 the group g of patterns (several, or ones with a rule).
   */
  endGroup: Int32Array;
  groupStart: Int32Array;
  groupPatterns: Int32Array;
  /** Per pattern: 1 if contextual. */
  contextual: Uint8Array;
  /** Per pattern: 1 if it needs context (resolve.ts). */
  needsContext: Uint8Array;
  /** Per pattern: the caller's entity index. */
  entity: Int32Array;
  /** Per pattern: 1 if a person's name. */
  person: Uint8Array;
  /** Per pattern: the case-keeping folded text of contextual and case-sensitive patterns, else ''. */
  casedText: string[];
}

/** The folded names, flat: name k is units[start[k]] .. units[start[k] + length[k] - 1], of pattern[k]. */
interface FlatKeys {
  units: Uint16Array;
  start: Int32Array;
  length: Int32Array;
  pattern: Int32Array;
  count: number;
}

/** The per-pattern arrays, in one pass over the patterns (1M objects: each pass is a cache miss per object). */
function perPattern(patterns: readonly Pattern[]) {
  const n = patterns.length;
  const out = {
    contextual: new Uint8Array(n),
    needsContext: new Uint8Array(n),
    entity: new Int32Array(n),
    person: new Uint8Array(n),
    /** 1 where a pattern has no check of its own: alone at its node, it needs no group. */
    plain: new Uint8Array(n),
    casedText: new Array<string>(n),
  };
  for (let i = 0; i < n; i++) {
    const p = patterns[i]!;
    out.contextual[i] = p.contextual ? 1 : 0;
    out.needsContext[i] = p.needsContext ? 1 : 0;
    out.entity[i] = p.entity;
    out.person[i] = p.person ? 1 : 0;
    out.plain[i] = p.contextual || p.needsContext || p.caseSensitive ? 0 : 1;
    out.casedText[i] = p.contextual || p.caseSensitive ? foldTextKeepCase(p.text) : '';
  }
  return out;
}

/** Every non-empty name folded once into one array, in pattern order. */
function foldKeys(patterns: readonly Pattern[]): FlatKeys {
  let capacity = 0;
  for (const p of patterns) capacity += p.text.length;
  const keys: FlatKeys = {
    units: new Uint16Array(capacity),
    start: new Int32Array(patterns.length),
    length: new Int32Array(patterns.length),
    pattern: new Int32Array(patterns.length),
    count: 0,
  };
  let at = 0;
  for (let pattern = 0; pattern < patterns.length; pattern++) {
    const end = foldTextInto(patterns[pattern]!.text, keys.units, at);
    if (end === at) continue;
    keys.start[keys.count] = at;
    keys.length[keys.count] = end - at;
    keys.pattern[keys.count++] = pattern;
    at = end;
  }
  keys.units = keys.units.subarray(0, at);
  return keys;
}

/**
 * Rewrites `from` into `into` in the order of `order`, which becomes 0 .. n-1,
 * keeping each name's units from `depth` on.
 * The levels below read each name's units in that order: once the names are
 * laid out that way those reads are sequential, not a cache miss each.
 */
function compactKeys(from: FlatKeys, order: Int32Array, into: FlatKeys, depth: number): FlatKeys {
  let at = 0;
  for (let i = 0; i < from.count; i++) {
    const k = order[i]!;
    const length = from.length[k]!;
    // Units before `depth` are never read again: only the rest moves, and start is shifted so units[start + depth] still finds it.
    const begin = from.start[k]! + depth;
    into.start[i] = at - depth;
    into.length[i] = length;
    into.pattern[i] = from.pattern[k]!;
    for (let u = depth; u < length; u++) into.units[at++] = from.units[begin + u - depth]!;
    order[i] = i;
  }
  into.count = from.count;
  return into;
}

/** Depths after which the names are compacted (see compactKeys): runs below them only move locally. */
const COMPACT_AT = new Set([2, 5, 10]);

/**
 * Builds the trie breadth-first, level by level, straight into its final
 * layout. Each node owns a run of `order` (the names below it), which a
 * stable sort by the unit at the node's depth splits into its children, in
 * ascending unit, with the names that end at the node first. No string keys
 * and no per-node objects: a sort of 1M folded strings and a depth-first
 * build with a relayout took 24 s of CPU, most of it allocation and GC.
 */
export function buildDictionary({ patterns }: { patterns: readonly Pattern[] }): Dictionary {
  const { contextual, needsContext, entity, person, plain, casedText } = perPattern(patterns);
  let keys = foldKeys(patterns);
  let spare: FlatKeys | null = null;
  const count = keys.count;
  // At most one node per unit, plus the root.
  const maxNodes = keys.units.length + 1;
  const edgeStart = new Int32Array(maxNodes + 1);
  const edgeChar = new Uint16Array(maxNodes);
  const endBits = new Int32Array((maxNodes + 31) >>> 5);
  const endRank = new Int32Array(endBits.length);
  const endGroup = new Int32Array(count);
  const groupStart: number[] = [0];
  const groupPatterns: number[] = [];
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  // Per position of `order`: its name's unit at this level (-1: it ends here), read once per level and then sequentially.
  const current = new Int32Array(count);
  const sortRun = createRunSorter(count);

  // The runs of `order` under this level's nodes, and under the next level's.
  const room = Math.max(count, 1);
  let runLo = new Int32Array(room);
  let runHi = new Int32Array(room);
  let nextLo = new Int32Array(room);
  let nextHi = new Int32Array(room);
  runHi[0] = count;
  let levelSize = 1;
  let node = 0;
  let nodes = 1;
  let ends = 0;
  for (let depth = 0; levelSize > 0; depth++) {
    if (COMPACT_AT.has(depth)) {
      spare ??= { units: new Uint16Array(keys.units.length), start: new Int32Array(count), length: new Int32Array(count), pattern: new Int32Array(count), count: 0 };
      [keys, spare] = [compactKeys(keys, order, spare, depth), keys];
    }
    const { units, start, length, pattern: keyPattern } = keys;
    let nextSize = 0;
    for (let r = 0; r < levelSize; r++, node++) {
      const lo = runLo[r]!;
      const hi = runHi[r]!;
      if (hi - lo > 1) {
        sortRun(order, lo, hi, depth, keys, current);
      } else {
        const k = order[lo]!;
        current[lo] = length[k] === depth ? -1 : units[start[k]! + depth]!;
      }
      if ((node & 31) === 0) endRank[node >>> 5] = ends;
      let first = lo;
      while (first < hi && current[first] === -1) first++;
      if (first > lo) {
        endBits[node >>> 5]! |= 1 << (node & 31);
        const pattern = keyPattern[order[lo]!]!;
        // Only a single pattern with no check of its own takes the fast path.
        if (first - lo === 1 && plain[pattern] === 1) {
          endGroup[ends++] = -2 - pattern;
        } else {
          endGroup[ends++] = groupStart.length - 1;
          for (let i = lo; i < first; i++) groupPatterns.push(keyPattern[order[i]!]!);
          groupStart.push(groupPatterns.length);
        }
      }
      edgeStart[node] = nodes - 1;
      for (let i = first; i < hi; ) {
        const unit = current[i]!;
        let j = i + 1;
        while (j < hi && current[j] === unit) j++;
        edgeChar[nodes - 1] = unit;
        nodes++;
        nextLo[nextSize] = i;
        nextHi[nextSize++] = j;
        i = j;
      }
    }
    [runLo, nextLo] = [nextLo, runLo];
    [runHi, nextHi] = [nextHi, runHi];
    levelSize = nextSize;
  }
  edgeStart[nodes] = nodes - 1;

  const words = (nodes + 31) >>> 5;
  const trie = {
    edgeStart: edgeStart.slice(0, nodes + 1),
    edgeChar: edgeChar.slice(0, nodes - 1),
    endBits: endBits.slice(0, words),
    endRank: endRank.slice(0, words),
    endGroup: endGroup.slice(0, ends),
  };
  const rootTable = new Int32Array(0x10000);
  for (let e = 0; e < trie.edgeStart[1]!; e++) rootTable[trie.edgeChar[e]!] = e + 1;
  return {
    ...buildStartFilter(trie),
    rootTable,
    ...trie,
    groupStart: Int32Array.from(groupStart),
    groupPatterns: Int32Array.from(groupPatterns),
    contextual,
    needsContext,
    entity,
    person,
    casedText,
  };
}

/** Runs this short are sorted by insertion; longer ones by one native numeric sort. */
const INSERTION_RUN = 24;
/** Runs up to 2^14 pack (unit + 1, position) into 31 bits of an Int32; longer ones into a double. */
const SMALL_RUN_BITS = 14;
const POSITION = 2 ** 32;

/**
 * Stable sorts of a run of names by their unit at `depth` (-1 where a name
 * ends there), and leaves those units, sorted, in `current`. A long run packs (unit, position) into one number each, so
 * the engine's numeric typed-array sort does the work with no comparator.
 */
function createRunSorter(size: number) {
  const wide = new Float64Array(size);
  const narrow = new Int32Array(Math.min(size, 1 << SMALL_RUN_BITS));
  const copy = new Int32Array(size);
  const unit = new Int32Array(size);
  return (order: Int32Array, lo: number, hi: number, depth: number, { units, start, length }: FlatKeys, current: Int32Array): void => {
    const n = hi - lo;
    let sorted = true;
    let previous = -1;
    for (let i = 0; i < n; i++) {
      const k = order[lo + i]!;
      const v = length[k] === depth ? -1 : units[start[k]! + depth]!;
      if (v < previous) sorted = false;
      previous = v;
      unit[i] = v;
      copy[i] = k;
    }
    if (sorted) {
      current.set(unit.subarray(0, n), lo);
      return;
    }
    if (n <= INSERTION_RUN) {
      for (let i = 1; i < n; i++) {
        const v = unit[i]!;
        const k = copy[i]!;
        let j = i - 1;
        while (j >= 0 && unit[j]! > v) {
          unit[j + 1] = unit[j]!;
          copy[j + 1] = copy[j]!;
          j--;
        }
        unit[j + 1] = v;
        copy[j + 1] = k;
      }
      for (let i = 0; i < n; i++) {
        order[lo + i] = copy[i]!;
        current[lo + i] = unit[i]!;
      }
    } else if (n <= 1 << SMALL_RUN_BITS) {
      for (let i = 0; i < n; i++) narrow[i] = ((unit[i]! + 1) << SMALL_RUN_BITS) | i;
      const run = narrow.subarray(0, n).sort();
      const mask = (1 << SMALL_RUN_BITS) - 1;
      for (let i = 0; i < n; i++) {
        order[lo + i] = copy[run[i]! & mask]!;
        current[lo + i] = (run[i]! >> SMALL_RUN_BITS) - 1;
      }
    } else {
      for (let i = 0; i < n; i++) wide[i] = (unit[i]! + 1) * POSITION + i;
      const run = wide.subarray(0, n).sort();
      for (let i = 0; i < n; i++) {
        const packed = run[i]!;
        const high = Math.floor(packed / POSITION);
        order[lo + i] = copy[packed - high * POSITION]!;
        current[lo + i] = high - 1;
      }
    }
  };
}

/** The number of nodes in the trie. */
export function nodeCount(d: Dictionary): number {
  return d.edgeChar.length + 1;
}

/**
 * What ends at `node`: -1 nothing, else its endGroup entry. One load for the
 * nine nodes in ten that end nothing; a popcount for the others.
 */
export function groupAt(d: Dictionary, node: number): number {
  const word = d.endBits[node >>> 5]!;
  const below = word & ~(-1 << (node & 31));
  if (((word >>> (node & 31)) & 1) === 0) return -1;
  let v = below - ((below >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  const count = Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  return d.endGroup[d.endRank[node >>> 5]! + count]!;
}

/** The child of `node` along folded unit `c`, or -1. */
export function childOf(d: Dictionary, node: number, c: number): number {
  let lo = d.edgeStart[node]!;
  let hi = d.edgeStart[node + 1]!;
  if (hi - lo <= 8) {
    for (; lo < hi; lo++) if (d.edgeChar[lo] === c) return lo + 1;
    return -1;
  }
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const m = d.edgeChar[mid]!;
    if (m === c) return mid + 1;
    if (m < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
