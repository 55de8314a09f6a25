import type { SearchIndex } from './build';
import * as Kind from './kinds';
import type { TokenMatcher } from './query';

/**
 * Local copies of the kinds: scoring reads them millions of times per slow
 * query, and a module loader that keeps imports as live bindings (Vite's,
 * which runs the tests) makes every read of an imported one a getter call.
 */
const { EXACT, INFIX, NONE, PREFIX, TYPO } = Kind;

/**
 * Score tiers, best first. A name's tier says how the whole query matched it.
 * Within a tier the name's shape (the same ladder as the first five tiers,
 * reading a typo'd whole token as whole) orders first, so "alibba" prefers the
 * alias "Alibaba" over "Alibaba (China)"; then more exact tokens, the canonical
 * name, and a shorter name win. The score packs all of these into one number.
 */
export const TIER = {
  /** The name is the query: "ma yun" → alias "Ma Yun". */
  EQUAL: 8,
  /** The name starts with the query's whole tokens: "jack ma" → "Jack Ma Foundation". */
  STARTS_WHOLE: 7,
  /** Every query token is a whole token of the name, in any order. */
  ALL_WHOLE: 6,
  /** The name starts with the query, the tokens being prefixes: "nan cun" → "Nan Cunhui". */
  STARTS_PREFIX: 5,
  /** Every query token starts some token of the name. */
  ALL_PREFIX: 4,
  /** A CJK query token found inside a CJK name token: "云" → "马云". */
  INFIX: 3,
  /** A query token matched with one typo: "alibba" → "Alibaba". */
  TYPO: 2,
} as const;

/** Shapes: how the query lines up with the name, whatever the token kinds. */
const SHAPE = { EQUAL: 5, STARTS_WHOLE: 4, ALL_WHOLE: 3, STARTS_PREFIX: 2, ALL_PREFIX: 1 } as const;
const TIER_OF_SHAPE = [0, TIER.ALL_PREFIX, TIER.STARTS_PREFIX, TIER.ALL_WHOLE, TIER.STARTS_WHOLE, TIER.EQUAL] as const;

const PER_TIER = 10_000_000;
const PER_SHAPE = 1_000_000;
/** At most 16 query tokens, so exact-token counts stay below one shape step. */
const PER_EXACT_TOKEN = 10_000;
const CANONICAL = 1_000;
const MAX_LENGTH_BONUS = 999;

/** Reused buffers, so scoring a candidate allocates nothing. */
export interface Scratch {
  /** kinds[i * count + p]: how query token i matches the name's token p. */
  kinds: Uint8Array;
  /** Bipartite matching: which query token holds name token p, or -1. */
  owner: Int32Array;
  visited: Uint32Array;
  visit: number;
}

export function createScratch(): Scratch {
  return { kinds: new Uint8Array(256), owner: new Int32Array(64), visited: new Uint32Array(64), visit: 0 };
}

function ensureScratch(s: Scratch, queryTokens: number, nameTokens: number): void {
  if (s.kinds.length < queryTokens * nameTokens) s.kinds = new Uint8Array(queryTokens * nameTokens * 2);
  if (s.owner.length < nameTokens) {
    s.owner = new Int32Array(nameTokens * 2);
    s.visited = new Uint32Array(nameTokens * 2);
  }
}

/** Kuhn's augmenting path: can query token i take a name token, displacing others if they can move? */
function augment(s: Scratch, i: number, count: number): boolean {
  for (let p = 0; p < count; p++) {
    if (s.kinds[i * count + p] === 0 || s.visited[p] === s.visit) continue;
    s.visited[p] = s.visit;
    const holder = s.owner[p]!;
    if (holder < 0 || augment(s, holder, count)) {
      s.owner[p] = i;
      return true;
    }
  }
  return false;
}

/** Whether each query token can match a different name token: "ma ma" must not match "Jack Ma". */
function assignable(s: Scratch, queryTokens: number, count: number): boolean {
  s.owner.fill(-1, 0, count);
  for (let i = 0; i < queryTokens; i++) {
    s.visit = (s.visit + 1) >>> 0;
    if (s.visit === 0) {
      s.visited.fill(0);
      s.visit = 1;
    }
    if (!augment(s, i, count)) return false;
  }
  return true;
}

/** Whole tokens, exact or one typo from a whole token: they make a name "equal" or "start with" the query. */
function isWhole(kind: number): boolean {
  return kind === EXACT || kind === TYPO;
}

function shapeOf(wholeInOrder: boolean, inOrder: boolean, allWhole: boolean, equalCount: boolean): number {
  if (wholeInOrder) return equalCount ? SHAPE.EQUAL : SHAPE.STARTS_WHOLE;
  if (allWhole) return SHAPE.ALL_WHOLE;
  return inOrder ? SHAPE.STARTS_PREFIX : SHAPE.ALL_PREFIX;
}

/** The name's score for the query, or 0 when some query token finds no token of its own in it. */
export function scoreName(index: SearchIndex, matchers: readonly TokenMatcher[], name: number, s: Scratch): number {
  const start = index.nameTokenStart[name]!;
  const count = index.nameTokenStart[name + 1]! - start;
  const q = matchers.length;
  if (count < q) return 0;
  ensureScratch(s, q, count);
  const kinds = s.kinds;
  let weakest = EXACT;
  let allWhole = true;
  let exactTokens = 0;
  const nameTokens = index.nameTokens;
  for (let i = 0; i < q; i++) {
    const tokenKinds = matchers[i]!.kinds;
    let best = 0;
    for (let p = 0; p < count; p++) {
      const kind = tokenKinds[nameTokens[start + p]!]!;
      kinds[i * count + p] = kind;
      if (kind > best) best = kind;
    }
    if (best === 0) return 0;
    if (best === EXACT) exactTokens++;
    if (best < weakest) weakest = best;
    if (!isWhole(best)) allWhole = false;
  }
  if (q > 1 && !assignable(s, q, count)) return 0;
  // In order: query token i matches name token i, so the name reads as the query typed so far.
  let inOrder = true;
  let wholeInOrder = true;
  for (let i = 0; i < q; i++) {
    const kind = kinds[i * count + i]!;
    if (kind === NONE || kind === INFIX) inOrder = false;
    if (!isWhole(kind)) wholeInOrder = false;
  }
  const shape = shapeOf(wholeInOrder, inOrder, allWhole, count === q);
  const tier = weakest >= PREFIX ? TIER_OF_SHAPE[shape]! : weakest === INFIX ? TIER.INFIX : TIER.TYPO;
  return (
    tier * PER_TIER +
    shape * PER_SHAPE +
    exactTokens * PER_EXACT_TOKEN +
    index.nameCanonical[name]! * CANONICAL +
    MAX_LENGTH_BONUS -
    Math.min(index.nameLength[name]!, MAX_LENGTH_BONUS)
  );
}

/** The tier a score belongs to: for tests and callers that group results. */
export function tierOfScore({ score }: { score: number }): number {
  return Math.floor(score / PER_TIER);
}

/**
 * Whether entry a (with score sa) ranks above entry b: higher score, then the
 * shorter canonical name, then the alphabetically first, then the key, so the
 * order never depends on the order of the entries.
 */
export function ranksAbove(index: SearchIndex, a: number, sa: number, b: number, sb: number): boolean {
  if (sa !== sb) return sa > sb;
  const na = index.sortNames[a]!;
  const nb = index.sortNames[b]!;
  if (na.length !== nb.length) return na.length < nb.length;
  if (na !== nb) return na < nb;
  return index.keys[a]! < index.keys[b]!;
}
