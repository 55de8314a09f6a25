import type { SearchIndex } from './build';
import { INFIX } from './kinds';
import { prepareQuery, releaseQuery, type TokenMatcher } from './query';
import { createScratch, scoreName, type Scratch } from './rank';
import { createTop, offer, type Top } from './top';

export interface SearchResult {
  key: string;
  score: number;
  /** The alias text that matched best, if not the canonical name. */
  matched?: string;
}

/** Up to this many postings the driving token's names are all scored (exact results, a few ms at most); above, the capped scan. */
const FULL_VOLUME = 20_000;
/** A capped search stops after this many matching entries: enough to find the best 50 in practice (search-scale.test.ts compares). */
const CAP = 1000;
/** And after scoring this many names, so "a b" (two huge tokens, few joint matches) stays fast. */
const MAX_SCORED = 20_000;

/** Searches are synchronous and never nested, so one set of buffers serves them all. */
const scratch: Scratch = createScratch();

interface Run {
  index: SearchIndex;
  matchers: readonly TokenMatcher[];
  top: Top;
  /** Matching entries a capped search collects: CAP, or the limit if larger. */
  cap: number;
  matched: number;
  scored: number;
}

/** Scores every name of the entry and offers its best; the entry is then done for this query. */
function offerEntry(run: Run, entry: number): void {
  const { index } = run;
  let bestScore = 0;
  let bestName = -1;
  for (let k = index.entryNameStart[entry]!; k < index.entryNameStart[entry + 1]!; k++) {
    const name = index.entryNames[k]!;
    const score = scoreName(index, run.matchers, name, scratch);
    run.scored++;
    if (score > bestScore) {
      bestScore = score;
      bestName = name;
    }
  }
  if (bestName >= 0) offer(index, run.top, entry, bestScore, bestName);
}

/** A candidate name: when it matches, its entry is scored once, over all its names. */
function consider(run: Run, name: number): void {
  const { index } = run;
  const entry = index.nameEntry[name]!;
  if (index.seen[entry] === index.stamp) return;
  run.scored++;
  if (scoreName(index, run.matchers, name, scratch) === 0) return;
  index.seen[entry] = index.stamp;
  run.matched++;
  offerEntry(run, entry);
}

/**
 * Every name holding a token the driver matches, scored once each: an entity's
 * other matching names hold a driver token too, so they are in these postings
 * and its best name is found without scoring all its names.
 */
function searchAll(run: Run, driver: TokenMatcher): void {
  const { index } = run;
  const { postingStart, postings, nameEntry, seen, stamp, bestScore, bestName } = index;
  const touched: number[] = [];
  const walk = (lo: number, hi: number): void => {
    for (let k = postingStart[lo]!; k < postingStart[hi]!; k++) {
      const name = postings[k]!;
      const score = scoreName(index, run.matchers, name, scratch);
      if (score === 0) continue;
      const entry = nameEntry[name]!;
      if (seen[entry] !== stamp) {
        seen[entry] = stamp;
        touched.push(entry);
      } else if (score <= bestScore[entry]!) {
        continue;
      }
      bestScore[entry] = score;
      bestName[entry] = name;
    }
  };
  walk(driver.lo, driver.hi);
  for (const [id, kind] of driver.extra) {
    // Whole tokens with a typo lie inside the typo ranges (up to their length cap), walked below.
    if (kind === INFIX || driver.typoRanges.length === 0) walk(id, id + 1);
  }
  const r = driver.typoRanges;
  for (let i = 0; i < r.length; i += 2) walk(r[i]!, r[i + 1]!);
  for (const entry of touched) offer(index, run.top, entry, bestScore[entry]!, bestName[entry]!);
}

function capped(run: Run): boolean {
  return run.matched >= run.cap || run.scored >= MAX_SCORED;
}

/**
 * Too many names for all of them: take the exact token's names, then walk
 * names in quality order (canonical, short) until CAP entries match. Names
 * where the driver token sits where the query has it go first, since only
 * they can start with the query; the others wait in a list of at most CAP,
 * which is all that could be needed. The best `limit` are then almost always
 * among those scored.
 */
function searchCapped(run: Run, driver: TokenMatcher, position: number): void {
  const { index } = run;
  const { nameTokenStart, nameTokens } = index;
  const kinds = driver.kinds;
  if (driver.exact >= 0) {
    const t = driver.exact;
    for (let k = index.postingStart[t]!; k < index.postingStart[t + 1]! && !capped(run); k++) consider(run, index.postings[k]!);
  }
  const deferred = new Int32Array(run.cap);
  let waiting = 0;
  const names = index.nameEntry.length;
  for (let n = 0; n < names; n++) {
    const start = nameTokenStart[n]!;
    const end = nameTokenStart[n + 1]!;
    if (start + position < end && kinds[nameTokens[start + position]!] !== 0) {
      consider(run, n);
      if (capped(run)) return;
    } else if (waiting < run.cap) {
      for (let k = start; k < end; k++) {
        if (kinds[nameTokens[k]!] !== 0) {
          deferred[waiting++] = n;
          break;
        }
      }
    }
  }
  for (let i = 0; i < waiting && !capped(run); i++) consider(run, deferred[i]!);
}

/**
 * The best entries for what the reader has typed so far, best first, each
 * once. Every query token must match a different token of one name (the
 * canonical name or an alias); see rank.ts for the order.
 */
export function searchIndex({ index, query, limit = 20 }: { index: SearchIndex; query: string; limit?: number }): SearchResult[] {
  // Never more slots than entries: a careless limit must not allocate or insert in vain.
  const max = Math.min(Math.floor(limit), index.keys.length);
  if (!(max >= 1)) return [];
  const matchers = prepareQuery({ index, query });
  try {
    return answer({ index, matchers, limit: max });
  } finally {
    releaseQuery({ matchers });
  }
}

function answer({ index, matchers, limit }: { index: SearchIndex; matchers: readonly TokenMatcher[]; limit: number }): SearchResult[] {
  if (matchers.length === 0) return [];
  // The token with the fewest postings drives: every match must contain it.
  let position = 0;
  for (let i = 0; i < matchers.length; i++) {
    if (matchers[i]!.volume === 0) return [];
    if (matchers[i]!.volume < matchers[position]!.volume) position = i;
  }
  const driver = matchers[position]!;
  index.stamp = (index.stamp + 1) >>> 0;
  if (index.stamp === 0) {
    index.seen.fill(0);
    index.stamp = 1;
  }
  const run: Run = { index, matchers, top: createTop({ limit }), cap: Math.max(CAP, limit), matched: 0, scored: 0 };
  if (driver.volume <= FULL_VOLUME) searchAll(run, driver);
  else searchCapped(run, driver, position);

  const results: SearchResult[] = [];
  for (let i = 0; i < run.top.size; i++) {
    const entry = run.top.entries[i]!;
    const name = run.top.names[i]!;
    const result: SearchResult = { key: index.keys[entry]!, score: run.top.scores[i]! };
    if (index.nameCanonical[name] === 0) result.matched = index.nameText[name]!;
    results.push(result);
  }
  return results;
}
