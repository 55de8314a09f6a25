import { TOKEN_BITS, type SearchIndex } from './build';
import { EXACT, INFIX, NONE, PREFIX, TYPO, TYPO_PREFIX } from './kinds';
import { prefixRange } from './sorted';
import { isCjkToken, tokenize } from './tokens';
import { MIN_TYPO_LENGTH, typoPrefixRanges, typoTokens } from './typo';

/** Queries are at most 200 characters; past this many tokens no name would match anyway. */
const MAX_QUERY_TOKENS = 16;
/** Enough CJK infix tokens for any useful answer; a one-character query could name thousands. */
const MAX_INFIX_TOKENS = 2000;

/** Which index tokens one query token matches, and how well. */
export interface TokenMatcher {
  text: string;
  /** The token id equal to the query token, or -1. */
  exact: number;
  /** Tokens starting with the query token (the exact one included): [lo, hi). */
  lo: number;
  hi: number;
  /** Single tokens matched as CJK infix or with a typo, with their kind. */
  extra: Map<number, number>;
  /** Token ranges matched as a prefix with a typo: flat [lo, hi, …], disjoint. */
  typoRanges: number[];
  /** How many postings all of the above hold: picks the cheapest token to drive the search. */
  volume: number;
  /**
   * The kind of every token id, all of the above in one lookup: scoring asks
   * millions of times per slow query, and a byte read beats ranges and a Map.
   * Borrowed from the index's pool; releaseQuery clears it.
   */
  kinds: Uint8Array;
}

function inTypoRanges(m: TokenMatcher, token: number): boolean {
  const r = m.typoRanges;
  for (let i = 0; i < r.length; i += 2) if (token >= r[i]! && token < r[i + 1]!) return true;
  return false;
}

function charRange(cjkChars: Float64Array, ch: number): { lo: number; hi: number } {
  const search = (value: number): number => {
    let lo = 0;
    let hi = cjkChars.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cjkChars[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { lo: search(ch * TOKEN_BITS), hi: search((ch + 1) * TOKEN_BITS) };
}

/**
 * CJK tokens containing `text` past their start (starts are prefix matches).
 * Only tokens holding the query's rarest character are checked.
 */
function infixTokens(index: SearchIndex, text: string, lo: number, hi: number): number[] {
  let best = { lo: 0, hi: Infinity };
  for (let i = 0; i < text.length; i++) {
    const r = charRange(index.cjkChars, text.charCodeAt(i));
    if (r.hi - r.lo < best.hi - best.lo) best = r;
  }
  const found: number[] = [];
  for (let k = best.lo; k < best.hi && found.length < MAX_INFIX_TOKENS; k++) {
    const id = index.cjkChars[k]! % TOKEN_BITS;
    if ((id < lo || id >= hi) && index.tokens[id]!.includes(text)) found.push(id);
  }
  return found;
}

function postingCount(index: SearchIndex, lo: number, hi: number): number {
  return index.postingStart[hi]! - index.postingStart[lo]!;
}

function matcherFor(index: SearchIndex, text: string, kinds: Uint8Array): TokenMatcher {
  const { tokens } = index;
  const { lo, hi } = prefixRange({ tokens, prefix: text });
  const m: TokenMatcher = {
    text,
    exact: lo < hi && tokens[lo] === text ? lo : -1,
    lo,
    hi,
    extra: new Map(),
    typoRanges: [],
    volume: postingCount(index, lo, hi),
    kinds,
  };
  if (isCjkToken({ token: text })) {
    for (const id of infixTokens(index, text, lo, hi)) m.extra.set(id, INFIX);
  }
  // Typos only when nothing starts with the token: a real prefix is what the reader is typing.
  if (lo === hi && text.length >= MIN_TYPO_LENGTH) {
    for (const id of typoTokens({ tokens, byFirstLength: index.byFirstLength, query: text })) m.extra.set(id, TYPO);
    m.typoRanges = typoPrefixRanges({ tokens, query: text });
    for (let i = 0; i < m.typoRanges.length; i += 2) m.volume += postingCount(index, m.typoRanges[i]!, m.typoRanges[i + 1]!);
  }
  fillKinds(m, NONE, TYPO_PREFIX, PREFIX, EXACT);
  for (const [id, kind] of m.extra) {
    kinds[id] = kind;
    // A whole token with a typo is also inside a typo range: count its names once.
    if (!inTypoRanges(m, id)) m.volume += postingCount(index, id, id + 1);
  }
  return m;
}

/** Writes (or, with zeros, clears) the ranges' kinds; the extras are single ids. */
function fillKinds(m: TokenMatcher, extra: number, typo: number, prefix: number, exact: number): void {
  m.kinds.fill(prefix, m.lo, m.hi);
  if (m.exact >= 0) m.kinds[m.exact] = exact;
  const r = m.typoRanges;
  for (let i = 0; i < r.length; i += 2) m.kinds.fill(typo, r[i]!, r[i + 1]!);
  for (const id of m.extra.keys()) m.kinds[id] = extra;
}

/** One matcher per query token, in query order; [] for a blank query. Call releaseQuery after. */
export function prepareQuery({ index, query }: { index: SearchIndex; query: string }): TokenMatcher[] {
  return tokenize({ text: query })
    .slice(0, MAX_QUERY_TOKENS)
    .map((text, i) => {
      // The pool grows to the longest query seen, one byte per token each.
      index.kindPool[i] ??= new Uint8Array(index.tokens.length);
      return matcherFor(index, text, index.kindPool[i]);
    });
}

/** Clears what the matchers wrote into the pool, so the next query starts from zeros. */
export function releaseQuery({ matchers }: { matchers: readonly TokenMatcher[] }): void {
  for (const m of matchers) fillKinds(m, NONE, NONE, NONE, NONE);
}
