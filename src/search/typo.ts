import { lowerBound, prefixRange } from './sorted';

/**
 * One-typo matching. A typo here is one Damerau–Levenshtein edit: an inserted,
 * deleted or substituted unit, or two adjacent units swapped. The first unit
 * must be right: people rarely mistype the first letter, and requiring it keeps
 * the candidates to one narrow slice of the sorted token list.
 */

/** Query tokens shorter than this never match with a typo: "mz" one edit away is half the index. */
export const MIN_TYPO_LENGTH = 5;
/** Longer query tokens skip the prefix-with-a-typo walk, which grows with the length. */
const MAX_TYPO_PREFIX_LENGTH = 32;
const END = '\uffff';

function sameFrom(a: string, ai: number, b: string, bi: number): boolean {
  if (a.length - ai !== b.length - bi) return false;
  for (; ai < a.length; ai++, bi++) if (a.charCodeAt(ai) !== b.charCodeAt(bi)) return false;
  return true;
}

/** Whether a and b are at most one edit apart (Damerau–Levenshtein, adjacent swaps count once). */
function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  const shorter = Math.min(la, lb);
  let i = 0;
  while (i < shorter && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (i === la || sameFrom(a, i + 1, b, i + 1)) return true;
    return i + 1 < la && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && sameFrom(a, i + 2, b, i + 2);
  }
  return la < lb ? sameFrom(a, i, b, i + 1) : sameFrom(a, i + 1, b, i);
}

/** The bucket key of byFirstLength: first unit, then length (capped; longer tokens share a bucket). */
export function firstLengthKey(token: string): number {
  return token.charCodeAt(0) * 256 + Math.min(token.length, 255);
}

function firstKeyAt(tokens: readonly string[], byFirstLength: Uint32Array, key: number): number {
  let lo = 0;
  let hi = byFirstLength.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (firstLengthKey(tokens[byFirstLength[mid]!]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whole tokens one edit from `query`. Only tokens with the same first unit and
 * a length within one are compared; byFirstLength (token ids ordered by that
 * key) makes them one contiguous run.
 */
export function typoTokens({
  tokens,
  byFirstLength,
  query,
}: {
  tokens: readonly string[];
  byFirstLength: Uint32Array;
  query: string;
}): number[] {
  const base = query.charCodeAt(0) * 256;
  const from = firstKeyAt(tokens, byFirstLength, base + Math.max(1, query.length - 1));
  const to = firstKeyAt(tokens, byFirstLength, base + Math.min(255, query.length + 1) + 1);
  const found: number[] = [];
  for (let k = from; k < to; k++) {
    const id = byFirstLength[k]!;
    if (withinOneEdit(query, tokens[id]!)) found.push(id);
  }
  return found;
}

/** Sorts [lo, hi) pairs and joins overlapping ones, so each token is counted once. */
function mergeRanges(pairs: number[][]): number[] {
  pairs.sort((a, b) => a[0]! - b[0]!);
  const merged: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = merged.length - 1;
    if (last >= 0 && lo! <= merged[last]!) merged[last] = Math.max(merged[last]!, hi!);
    else merged.push(lo!, hi!);
  }
  return merged;
}

/**
 * Token ranges whose tokens start with something one edit from `query`, for a
 * word still being typed ("internatinal" → "international…"). Each string one
 * edit from the query is a prefix, so its tokens are one range of the sorted
 * list, found by binary search. Deletions and swaps give fixed strings;
 * substitutions and insertions at position j need the unit put there, so they
 * try only the units that actually follow query[0, j) in some token, jumping
 * from one to the next with a binary search instead of trying an alphabet.
 * Returned as flat [lo, hi, lo, hi…], merged.
 */
export function typoPrefixRanges({ tokens, query }: { tokens: readonly string[]; query: string }): number[] {
  if (query.length > MAX_TYPO_PREFIX_LENGTH) return [];
  const pairs: number[][] = [];
  const add = (prefix: string): void => {
    const r = prefixRange({ tokens, prefix });
    if (r.lo < r.hi) pairs.push([r.lo, r.hi]);
  };
  for (let j = 1; j < query.length; j++) {
    const stem = query.slice(0, j);
    const stemRange = prefixRange({ tokens, prefix: stem });
    // Ranges only narrow as the stem grows, so nothing further can match.
    if (stemRange.lo === stemRange.hi) break;
    add(stem + query.slice(j + 1));
    if (j + 1 < query.length) add(stem + query[j + 1]! + query[j]! + query.slice(j + 2));
    let k = stemRange.lo;
    if (tokens[k]!.length === j) k++;
    while (k < stemRange.hi) {
      const next = stem + tokens[k]![j]!;
      if (next !== stem + query[j]!) add(next + query.slice(j + 1));
      add(next + query.slice(j));
      k = lowerBound(tokens, next + END, k, stemRange.hi);
    }
  }
  return mergeRanges(pairs);
}
