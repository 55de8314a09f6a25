/**
 * Binary search over the index's sorted token list. Tokens are compared by
 * UTF-16 code unit (JavaScript's `<`), the order Array.prototype.sort gives.
 */

/** The first position in [lo, hi) whose token is not below `value`. */
export function lowerBound(tokens: readonly string[], value: string, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * No token contains U+FFFF (folding classes it as punctuation), and it is the
 * largest code unit, so `prefix + END` sorts after every token with that prefix.
 */
const END = '\uffff';

/** The tokens that start with `prefix`: [lo, hi), empty when lo === hi. */
export function prefixRange({
  tokens,
  prefix,
  lo = 0,
  hi = tokens.length,
}: {
  tokens: readonly string[];
  prefix: string;
  lo?: number;
  hi?: number;
}): { lo: number; hi: number } {
  const first = lowerBound(tokens, prefix, lo, hi);
  return { lo: first, hi: lowerBound(tokens, prefix + END, first, hi) };
}
