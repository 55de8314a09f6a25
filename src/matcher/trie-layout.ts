import type { FoldedNames } from './sorted-names';

/** The trie's nodes and edges, breadth-first (see Dictionary in dictionary.ts), sized exactly. */
export interface TrieLayout {
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

/** How many nodes and how many ending nodes each depth has. */
function perDepth({ start, end, longest }: FoldedNames, shared: Int32Array) {
  // nodesAt starts as differences: a name adds one node at each depth from shared + 1 to its length.
  const nodesAt = new Int32Array(longest + 2);
  const endsAt = new Int32Array(longest + 1);
  for (let i = 0; i < shared.length; i++) {
    const l = shared[i]!;
    if (l < 0) continue;
    const length = end[i]! - start[i]!;
    nodesAt[l + 1]!++;
    nodesAt[length + 1]!--;
    endsAt[length]!++;
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
  const { units, start, end, longest: deepest } = names;
  const { nodesAt, endsAt } = perDepth(names, shared);
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
    const length = end[i]! - at;
    // A name is never a prefix of the one before it, so it adds at least its own last node, where it ends.
    let node = 0;
    for (let d = l + 1; d <= length; d++) {
      node = nextNode[d]!++;
      edgeStart[node] = nextNode[d + 1]! - 1;
      edgeChar[node - 1] = units[at + d - 1]!;
    }
    endBits[node >>> 5]! |= 1 << (node & 31);
    firstName[nextEnd[length]!++] = i;
  }
  edgeStart[nodes] = nodes - 1;
  return { edgeStart, edgeChar, endBits, endRank: ranks(endBits), firstName };
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
