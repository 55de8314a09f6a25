import { packStrings, stringAt, type PackedStrings } from './strings';

/**
 * A list's ids in sorted order, packed, with each one's place in the list:
 * a lookup is a binary search, and reading the index back is one string and
 * two arrays. The worker used to find an id through a Map built from the
 * generation's whole name list, which a woken worker read for its first
 * card: about 1 s at a million entities, in which it answered no page
 * (bench/RESULTS.md, "Cold worker in Chromium").
 */
export interface IdIndex {
  sorted: PackedStrings;
  /** position[k]: where the k-th id in sorted order stands in the list. */
  position: Int32Array;
}

export function buildIdIndex(ids: readonly string[]): IdIndex {
  // Code-unit order, as `<` compares, which positionIn's search relies on.
  const position = Int32Array.from(ids.keys()).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
  return { sorted: packStrings(Array.from(position, (i) => ids[i]!)), position };
}

/** Where `id` stands in the list, or undefined. Ids are unique in a list; were one repeated, its first place. */
export function positionIn({ sorted, position }: IdIndex, id: string): number | undefined {
  let lo = 0;
  let hi = position.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (stringAt(sorted, mid) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < position.length && stringAt(sorted, lo) === id ? position[lo] : undefined;
}
