import { foldTextInto, foldTextKeepCase } from '../text/fold';
import { sortNames, type FoldedNames } from './sorted-names';
import { buildStartFilter, type StartFilter } from './start-filter';
import { layOutTrie, type TrieLayout } from './trie-layout';

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
  /**
   * Per node that ends a name, in node order: the name's tail, the units it
   * shares with no other name, tailUnits[tailStart[r]] .. tailUnits[tailStart[r + 1] - 1].
   * A node with a tail has no edges; the name ends where its tail does.
   */
  tailStart: Int32Array;
  tailUnits: Uint16Array;
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
function foldNames(patterns: readonly Pattern[]): FoldedNames {
  let capacity = 0;
  for (const p of patterns) capacity += p.text.length;
  const units = new Uint16Array(capacity);
  const start = new Int32Array(patterns.length);
  const end = new Int32Array(patterns.length);
  const pattern = new Int32Array(patterns.length);
  const used = new Uint8Array(0x10000);
  let count = 0;
  let longest = 0;
  let at = 0;
  for (let p = 0; p < patterns.length; p++) {
    const stop = foldTextInto(patterns[p]!.text, units, at);
    if (stop === at) continue;
    // Marked while the name is still in cache, not in a pass of its own over all the units.
    for (let u = at; u < stop; u++) used[units[u]!] = 1;
    longest = Math.max(longest, stop - at);
    start[count] = at;
    end[count] = stop;
    pattern[count++] = p;
    at = stop;
  }
  return { units: units.subarray(0, at), start: start.subarray(0, count), end: end.subarray(0, count), pattern: pattern.subarray(0, count), count, longest, used };
}

/**
 * Per node that ends a name, in node order: the pattern itself when it is
 * alone there and plain, else a group, numbered in the same order.
 */
function endGroups({ pattern }: FoldedNames, shared: Int32Array, { firstName }: TrieLayout, plain: Uint8Array) {
  const endGroup = new Int32Array(firstName.length);
  const groupStart: number[] = [0];
  const groupPatterns: number[] = [];
  for (let e = 0; e < firstName.length; e++) {
    const first = firstName[e]!;
    let last = first + 1;
    while (last < shared.length && shared[last] === -1) last++;
    const p = pattern[first]!;
    // Only a single pattern with no check of its own takes the fast path.
    if (last - first === 1 && plain[p] === 1) {
      endGroup[e] = -2 - p;
    } else {
      endGroup[e] = groupStart.length - 1;
      for (let i = first; i < last; i++) groupPatterns.push(pattern[i]!);
      groupStart.push(groupPatterns.length);
    }
  }
  return { endGroup, groupStart: Int32Array.from(groupStart), groupPatterns: Int32Array.from(groupPatterns) };
}

/**
 * Builds the trie from one sort of the folded names (sorted-names.ts): in
 * that order each name adds the nodes below what it shares with the name
 * before it, each written once, straight into its breadth-first place and
 * into arrays of its exact size (trie-layout.ts). No string keys, no
 * per-node objects (a build with both spent most of its time allocating and
 * collecting them), and no array larger than the result: fresh memory costs
 * a page fault per page, and the garbage collector runs sooner.
 */
export function buildDictionary({ patterns }: { patterns: readonly Pattern[] }): Dictionary {
  const { contextual, needsContext, entity, person, plain, casedText } = perPattern(patterns);
  const names = foldNames(patterns);
  const shared = sortNames(names);
  const layout = layOutTrie(names, shared);
  const { endGroup, groupStart, groupPatterns } = endGroups(names, shared, layout, plain);
  const { edgeStart, edgeChar, endBits, endRank, tailStart, tailUnits } = layout;
  const trie = { edgeStart, edgeChar, endBits, endRank, endGroup, tailStart, tailUnits };
  const rootTable = new Int32Array(0x10000);
  for (let e = 0; e < trie.edgeStart[1]!; e++) rootTable[trie.edgeChar[e]!] = e + 1;
  return {
    ...buildStartFilter(trie),
    rootTable,
    ...trie,
    groupStart,
    groupPatterns,
    contextual,
    needsContext,
    entity,
    person,
    casedText,
  };
}

/** The number of nodes in the trie. */
export function nodeCount(d: Dictionary): number {
  return d.edgeChar.length + 1;
}

/**
 * The place of `node` among the nodes that end a name (or begin a tail), or
 * -1. One load for the nodes that end nothing; a popcount for the others.
 */
export function endAt(d: Dictionary, node: number): number {
  const word = d.endBits[node >>> 5]!;
  const below = word & ~(-1 << (node & 31));
  if (((word >>> (node & 31)) & 1) === 0) return -1;
  let v = below - ((below >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return d.endRank[node >>> 5]! + (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** What ends at `node` itself: -1 nothing (or only a name with a tail), else its endGroup entry. */
export function groupAt(d: Dictionary, node: number): number {
  const end = endAt(d, node);
  return end >= 0 && d.tailStart[end] === d.tailStart[end + 1] ? d.endGroup[end]! : -1;
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
