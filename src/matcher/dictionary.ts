import { foldText, foldTextKeepCase } from '../text/fold';
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
export function buildDictionary({ patterns }: { patterns: readonly Pattern[] }): Dictionary {
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
    ...buildStartFilter(keys.map((k) => k.key)),
    rootTable,
    edgeStart,
    edgeChar,
    endBits,
    endRank,
    endGroup: Int32Array.from(ends),
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
