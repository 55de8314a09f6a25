import type { FoldedNames } from './sorted-names';
import { FILTER_DEPTH } from './start-filter';

/** The trie's nodes and edges, breadth-first (see Dictionary in dictionary.ts), sized exactly. */
export interface TrieLayout {
  /** Per ending node, in node order: its tail is tailUnits[tailStart[r]] .. tailUnits[tailStart[r + 1] - 1]. */
  tailStart: Int32Array;
  tailUnits: Uint16Array;
  edgeStart: Int32Array;
  edgeChar: Uint16Array;
  endBits: Int32Array;
  endRank: Int32Array;
  /**
   * Per node that ends a name, in node order: the first of the sorted names
   * that end there; the names right after it that repeat it (shared -1,
   * see sortNames) end there too.
   */
  firstName: Int32Array;
}

/**
 * Per name (sorted position), the depth at which its path in the trie ends:
 * its length, or where the units it shares with no other name begin. Those
 * units are its tail, stored as one run (tailUnits): in the breadth-first
 * trie every unit of a name lay at a new place, a cache miss per unit of
 * every name the scan finds, and four names' units in five were such tails.
 * The top FILTER_DEPTH levels stay whole, as the start filters are read
 * from them (start-filter.ts). -1 where a name repeats the one before it.
 */
function trieDepths({ start, end }: FoldedNames, shared: Int32Array): Int32Array {
  const depth = new Int32Array(shared.length).fill(-1);
  // What the next distinct name shares with this one; names after it share no more.
  let nextShared = 0;
  for (let i = shared.length - 1; i >= 0; i--) {
    const l = shared[i]!;
    if (l < 0) continue;
    depth[i] = Math.min(end[i]! - start[i]!, Math.max(l, nextShared, FILTER_DEPTH - 1) + 1);
    nextShared = l;
  }
  return depth;
}

/** How many nodes and how many ending nodes each depth has. */
function perDepth({ longest }: FoldedNames, shared: Int32Array, depth: Int32Array) {
  // nodesAt starts as differences: a name adds one node at each depth from shared + 1 to its depth.
  const nodesAt = new Int32Array(longest + 2);
  const endsAt = new Int32Array(longest + 1);
  for (let i = 0; i < shared.length; i++) {
    const l = shared[i]!;
    if (l < 0) continue;
    nodesAt[l + 1]!++;
    nodesAt[depth[i]! + 1]!--;
    endsAt[depth[i]!]!++;
  }
  nodesAt[0] = 1;
  for (let d = 2; d <= longest; d++) nodesAt[d]! += nodesAt[d - 1]!;
  return { nodesAt, endsAt };
}

/**
 * Writes each node once, from the names in depth-first order. Breadth-first
 * numbering sorts the nodes of one depth the way the depth-first order meets
 * them, so a node's number is where its depth begins plus the nodes of that
 * depth met before it. The same holds one depth down, so when a node is met,
 * the children already numbered are exactly those of the nodes before it:
 * its first edge is known at once, with no pass to count children.
 */
export function layOutTrie(names: FoldedNames, shared: Int32Array): TrieLayout {
  const { units, start, longest: deepest } = names;
  const depthOf = trieDepths(names, shared);
  const { nodesAt, endsAt } = perDepth(names, shared, depthOf);
  // Per depth: the next node number there, and the next ending node's place in endGroup.
  const nextNode = new Int32Array(deepest + 2);
  const nextEnd = new Int32Array(deepest + 1);
  for (let d = 0; d <= deepest; d++) nextNode[d + 1] = nextNode[d]! + nodesAt[d]!;
  for (let d = 0; d < deepest; d++) nextEnd[d + 1] = nextEnd[d]! + endsAt[d]!;
  const nodes = nextNode[deepest + 1]!;
  const ends = nextEnd[deepest]! + endsAt[deepest]!;
  const words = (nodes + 31) >>> 5;
  const edgeStart = new Int32Array(nodes + 1);
  const edgeChar = new Uint16Array(nodes - 1);
  const endBits = new Int32Array(words);
  const firstName = new Int32Array(ends);
  edgeStart[0] = nextNode[1]! - 1;
  for (let i = 0; i < shared.length; i++) {
    const l = shared[i]!;
    // A repeated name adds nothing: its node and its place in endGroup are the first one's.
    if (l < 0) continue;
    const at = start[i]!;
    const depth = depthOf[i]!;
    // A name is never a prefix of the one before it, so it adds at least its own last node, where it ends (or its tail begins).
    let node = 0;
    for (let d = l + 1; d <= depth; d++) {
      node = nextNode[d]!++;
      edgeStart[node] = nextNode[d + 1]! - 1;
      edgeChar[node - 1] = units[at + d - 1]!;
    }
    endBits[node >>> 5]! |= 1 << (node & 31);
    firstName[nextEnd[depth]!++] = i;
  }
  edgeStart[nodes] = nodes - 1;
  return { edgeStart, edgeChar, endBits, endRank: ranks(endBits), firstName, ...tails(names, depthOf, firstName) };
}

/** Each ending node's tail (trieDepths), in node order. */
function tails({ units, start, end }: FoldedNames, depthOf: Int32Array, firstName: Int32Array) {
  const tailStart = new Int32Array(firstName.length + 1);
  for (let e = 0; e < firstName.length; e++) {
    const i = firstName[e]!;
    tailStart[e + 1] = tailStart[e]! + end[i]! - start[i]! - depthOf[i]!;
  }
  const tailUnits = new Uint16Array(tailStart[firstName.length]!);
  for (let e = 0; e < firstName.length; e++) {
    const i = firstName[e]!;
    tailUnits.set(units.subarray(start[i]! + depthOf[i]!, end[i]!), tailStart[e]!);
  }
  return { tailStart, tailUnits };
}

/** Per 32 nodes: how many nodes before them end a name. */
function ranks(endBits: Int32Array): Int32Array {
  const endRank = new Int32Array(endBits.length);
  let ends = 0;
  for (let w = 0; w < endBits.length; w++) {
    endRank[w] = ends;
    let v = endBits[w]! - ((endBits[w]! >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    ends += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return endRank;
}
