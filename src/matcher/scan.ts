import { charClass, CJK, classTable, foldTable, foldTextKeepCase, IGNORED, isCapital, SPACE, WORD } from '../text/fold';
import { childOf, endAt, groupAt, type Dictionary } from './dictionary';
import { PAIR_HASH, startMayMatch, TRIPLE_HASH } from './start-filter';

/** A name found in text: [start, end) in the original text's UTF-16 offsets. */
export interface Match {
  start: number;
  end: number;
  /** Indexes of the dictionary's patterns that matched here (several when datasets share a name). */
  patterns: number[];
}

function isSpaceOrIgnored(cls: number): boolean {
  return cls === SPACE || cls === IGNORED;
}

/** The first code unit of the word that touches [start, end) across whitespace only, or -1. */
function neighbourWordStart(text: string, start: number, end: number): { before: number; after: number } {
  let k = start - 1;
  while (k >= 0 && charClass(text.charCodeAt(k)) === IGNORED) k--;
  let before = -1;
  if (k >= 0 && charClass(text.charCodeAt(k)) === SPACE) {
    while (k >= 0 && isSpaceOrIgnored(charClass(text.charCodeAt(k)))) k--;
    if (k >= 0 && charClass(text.charCodeAt(k)) === WORD) {
      while (k > 0 && (charClass(text.charCodeAt(k - 1)) === WORD || charClass(text.charCodeAt(k - 1)) === IGNORED)) k--;
      before = k;
    }
  }
  let after = -1;
  let j = end;
  if (j < text.length && charClass(text.charCodeAt(j)) === SPACE) {
    while (j < text.length && isSpaceOrIgnored(charClass(text.charCodeAt(j)))) j++;
    if (j < text.length && charClass(text.charCodeAt(j)) === WORD) after = j;
  }
  return { before, after };
}

/** A case-sensitive alias ("AFP") must be written with its own case; casedText is '' for the others. */
function caseHolds(d: Dictionary, pattern: number, text: string, start: number, end: number): boolean {
  const cased = d.casedText[pattern]!;
  return cased === '' || foldTextKeepCase(text.slice(start, end)) === cased;
}

/**
 * A contextual alias ("Ma", "Ali") must be written with its own case and
 * stand alone: "Muhammad Ali" and "Ma Long" are other people.
 */
function contextualHolds(d: Dictionary, pattern: number, text: string, start: number, end: number): boolean {
  if (!caseHolds(d, pattern, text, start, end)) return false;
  const { before, after } = neighbourWordStart(text, start, end);
  if (before >= 0 && isCapital(text.charCodeAt(before))) return false;
  if (after >= 0 && isCapital(text.charCodeAt(after))) return false;
  return true;
}

/** Which entities' aliases that need context (contextual or not) may match at all; see candidates.ts. */
export type ContextualFilter = (entity: number) => boolean;

function acceptedPatterns(
  d: Dictionary,
  group: number,
  text: string,
  start: number,
  end: number,
  allowContextual: ContextualFilter | undefined,
): number[] | null {
  let accepted: number[] | null = null;
  for (let g = d.groupStart[group]!; g < d.groupStart[group + 1]!; g++) {
    const pattern = d.groupPatterns[g]!;
    const contextual = d.contextual[pattern] === 1;
    if (
      ((contextual || d.needsContext[pattern] === 1) && allowContextual && !allowContextual(d.entity[pattern]!)) ||
      !(contextual ? contextualHolds(d, pattern, text, start, end) : caseHolds(d, pattern, text, start, end))
    ) {
      continue;
    }
    (accepted ??= []).push(pattern);
  }
  return accepted;
}

/** The longest valid match that starts at `start`, whose first unit led to `node`. */
function longestAt(
  d: Dictionary,
  text: string,
  start: number,
  node: number,
  firstClass: number,
  allowContextual: ContextualFilter | undefined,
): Match | null {
  const n = text.length;
  let bestEnd = -1;
  let bestPatterns: number[] | null = null;
  // The pattern of the best match when it is a single plain one; its array is made only for the result.
  let bestPattern = -1;
  let lastClass = firstClass;
  let j = start + 1;
  const { edgeStart, edgeChar, tailStart, tailUnits } = d;
  // Past the trie: the next unit of the tail that the walk reads, where it ends, and whose it is.
  let tail = -1;
  let tailEnd = -1;
  let tailOf = -1;
  for (;;) {
    let c = 0;
    let cls = SPACE;
    while (j < n) {
      c = text.charCodeAt(j);
      cls = classTable[c]!;
      if (cls === 0) cls = charClass(c);
      if (cls !== IGNORED) break;
      j++;
    }
    if (j >= n) cls = SPACE;
    // Names in CJK scripts need no boundary; others must not run into a longer
    // word. The boundary is tested first: inside a word no end bit is read.
    if (lastClass === CJK || cls !== WORD) {
      const group = tail < 0 ? groupAt(d, node) : tail === tailEnd ? d.endGroup[tailOf]! : -1;
      if (group < -1) {
        bestEnd = j;
        bestPattern = -2 - group;
        bestPatterns = null;
      } else if (group >= 0) {
        const patterns = acceptedPatterns(d, group, text, start, j, allowContextual);
        if (patterns) {
          bestEnd = j;
          bestPatterns = patterns;
        }
      }
    }
    if (j >= n) break;
    let unit: number;
    let next = j + 1;
    if (cls === SPACE) {
      unit = 0x20;
      while (next < n && isSpaceOrIgnored(charClass(text.charCodeAt(next)))) next++;
    } else {
      unit = foldTable[c]!;
    }
    if (tail >= 0) {
      // A tail is one run of units: no node to look up, and its next units already in cache.
      if (tail === tailEnd || tailUnits[tail] !== unit) break;
      tail++;
    } else {
      // Most nodes on a walk have one child: try the first edge before searching.
      const first = edgeStart[node]!;
      const last = edgeStart[node + 1]!;
      if (first < last && edgeChar[first] === unit) {
        node = first + 1;
      } else if (first === last) {
        // No edges: the node ends a name, or only a name's tail goes on from it.
        tailOf = endAt(d, node);
        if (tailOf < 0) break;
        tail = tailStart[tailOf]!;
        tailEnd = tailStart[tailOf + 1]!;
        if (tail === tailEnd || tailUnits[tail] !== unit) break;
        tail++;
      } else {
        node = childOf(d, node, unit);
        if (node < 0) break;
      }
    }
    j = next;
    if (cls !== SPACE) lastClass = cls;
  }
  if (bestEnd < 0) return null;
  return { start, end: bestEnd, patterns: bestPatterns ?? [bestPattern] };
}

/**
 * Finds every dictionary name in `text`, leftmost-longest and never
 * overlapping. Walks the trie only from word starts (and from every CJK
 * character), so the cost grows with the text, not with the dictionary.
 *
 * This loop is the hot path of every page, so it reads the fold tables
 * directly and rejects most word starts with the start filters
 * (start-filter.ts) before any trie walk; see scanText.
 */
export function scan({
  dictionary,
  text,
  allowContextual,
}: {
  dictionary: Dictionary;
  text: string;
  allowContextual?: ContextualFilter;
}): Match[] {
  return scanText(dictionary, text, allowContextual);
}

/** Code units per chunk: a chunk's word starts stay in the first-level cache. */
export const CHUNK = 2048;
/** Above this many word starts in a chunk (a quarter of its units; English has about one in seven), the root table gets a pass of its own. */
const DENSE_STARTS = CHUNK / 4;
/** The word starts of the chunk being scanned (scan never runs inside itself). */
const starts = new Int32Array(CHUNK);

/**
 * Four bits per class (fold.ts numbers them 0 to 5): bit 0 a word unit, bit 1
 * a unit that always starts a name (CJK), bit 2 a skipped one (IGNORED), bit 3
 * one not classified yet (class 0). Read with a shift, so classifying a unit
 * takes no branch.
 */
const UNCLASSIFIED = 8;
const CLASS_FLAGS = UNCLASSIFIED | (1 << (WORD * 4)) | (2 << (CJK * 4)) | (4 << (IGNORED * 4));

/**
 * Puts the offsets of the word starts (and CJK units) of text[from, to) into
 * `starts`. Returns their count times two plus the state the chunk leaves (1
 * if the last unit that is not ignored is a word unit), for the next chunk's
 * `wordBefore`; or -1 when a unit has no class yet. Branch-free: in English a
 * word ends every seven units or so, and a branch on it was mispredicted at
 * nearly every word (the old loop took twice as long as reading the units).
 * Exported for the bench (scan-floor.ts), which times it alone.
 */
export function wordStarts(text: string, from: number, to: number, wordBefore: number): number {
  let count = 0;
  let word = wordBefore;
  let unclassified = 0;
  for (let i = from; i < to; i++) {
    const flags = CLASS_FLAGS >>> (classTable[text.charCodeAt(i)]! << 2);
    const isWord = flags & 1;
    starts[count] = i;
    count += ((flags >>> 1) | (isWord & ~word)) & 1;
    // An ignored unit keeps the state; anything else sets it.
    word = isWord | ((flags >>> 2) & word);
    unclassified |= flags;
  }
  return (unclassified & UNCLASSIFIED) !== 0 ? -1 : count * 2 + word;
}

/**
 * The loop behind scan, with plain parameters: destructuring an argument
 * object that sometimes lacks `allowContextual` deoptimised the whole loop in
 * V8 (--trace-deopt: "Insufficient type feedback for generic named access").
 *
 * Chunk by chunk, three passes, each simple enough to run without
 * mispredicted branches: find the word starts, keep those whose first unit
 * begins a name and whose first two pass the pair filter (start-filter.ts),
 * then test the rest with the triple and prefix filters and walk the trie.
 */
function scanText(d: Dictionary, text: string, allowContextual: ContextualFilter | undefined): Match[] {
  const matches: Match[] = [];
  const n = text.length;
  const { pairBits, pairShift, rootTable, singleMask, tripleBits, tripleShift } = d;
  // Word starts before this offset lie inside the last match.
  let resume = 0;
  // 1 if the last unit read that is not ignored is a word unit.
  let wordBefore = 0;
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    let found = wordStarts(text, from, to, wordBefore);
    if (found < 0) {
      // Units seen for the first time: classify them, then read the chunk again.
      for (let i = from; i < to; i++) charClass(text.charCodeAt(i));
      found = wordStarts(text, from, to, wordBefore);
    }
    const count = found >> 1;
    wordBefore = found & 1;
    // Where most units start a word (CJK text), most begin no name: a pass of
    // root-table lookups alone leaves few for the pair filter. In other
    // text nearly every word's first unit begins some name, so the pair
    // filter's pass tests the root table itself.
    let rooted = count;
    if (count > DENSE_STARTS) {
      rooted = 0;
      for (let s = 0; s < count; s++) {
        const i = starts[s]!;
        const node = rootTable[foldTable[text.charCodeAt(i)]!]!;
        starts[rooted] = i;
        rooted += (node | -node) >>> 31;
      }
    }
    // The pair filter: the first unit folded with the next one (a space folds
    // to 0x20). No filter where the next unit is ignored, not classified yet
    // or past the end, as the walk would read another unit there.
    let paired = 0;
    for (let s = 0; s < rooted; s++) {
      const i = starts[s]!;
      const first = foldTable[text.charCodeAt(i)]!;
      const node = rootTable[first]!;
      const atEnd = (n - 2 - i) >>> 31;
      const next = text.charCodeAt(i + 1 - atEnd);
      const nextFlags = CLASS_FLAGS >>> (classTable[next]! << 2);
      const pair = Math.imul((first << 16) | foldTable[next]!, PAIR_HASH) >>> pairShift;
      const pass = (pairBits[pair >>> 5]! >>> (pair & 31)) | (singleMask >>> (first & 15)) | (nextFlags >>> 2) | (nextFlags >>> 3) | atEnd;
      starts[paired] = i;
      paired += pass & ((node | -node) >>> 31);
    }
    for (let s = 0; s < paired; s++) {
      const i = starts[s]!;
      if (i < resume) continue;
      const c = text.charCodeAt(i);
      const first = foldTable[c]!;
      const cls = classTable[c]!;
      // Where a word's next two units are letters too, the walk reads them as
      // they are and a name of two units cannot end there: test all three.
      if (cls === WORD && i + 2 < n) {
        const next = text.charCodeAt(i + 1);
        const third = text.charCodeAt(i + 2);
        if (classTable[next] === WORD && classTable[third] === WORD) {
          const bit = Math.imul(Math.imul((first << 16) | foldTable[next]!, PAIR_HASH) ^ foldTable[third]!, TRIPLE_HASH) >>> tripleShift;
          if (((tripleBits[bit >>> 5]! >>> (bit & 31)) & 1) === 0) continue;
        }
      }
      if (!startMayMatch(d, text, i, first)) continue;
      const match = longestAt(d, text, i, rootTable[first]!, cls, allowContextual);
      if (match) {
        matches.push(match);
        // A match never ends inside a word, so what follows it may start a name.
        resume = match.end;
      }
    }
  }
  return matches;
}
