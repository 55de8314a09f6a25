import { charClass, CJK, classTable, foldTable, foldTextKeepCase, IGNORED, isCapital, SPACE, WORD } from '../text/fold';
import { childOf, groupAt, type Dictionary } from './dictionary';
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
    const group = groupAt(d, node);
    // Names in CJK scripts need no boundary; others must not run into a longer word.
    if (group !== -1 && (lastClass === CJK || cls !== WORD)) {
      if (group < -1) {
        bestEnd = j;
        bestPattern = -2 - group;
        bestPatterns = null;
      } else {
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
    // Most nodes on a walk have one child: try the first edge before searching.
    const first = d.edgeStart[node]!;
    let child: number;
    if (first < d.edgeStart[node + 1]! && d.edgeChar[first] === unit) child = first + 1;
    else child = childOf(d, node, unit);
    if (child < 0) break;
    node = child;
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
 * directly and rejects most word starts with the pair filter
 * (start-filter.ts) on the spot, before any call.
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

/**
 * The loop behind scan, with plain parameters: destructuring an argument
 * object that sometimes lacks `allowContextual` deoptimised the whole loop in
 * V8 (--trace-deopt: "Insufficient type feedback for generic named access").
 */
function scanText(d: Dictionary, text: string, allowContextual: ContextualFilter | undefined): Match[] {
  const matches: Match[] = [];
  const n = text.length;
  const { pairBits, pairShift, singleMask, tripleBits, tripleShift } = d;
  // Whether the last unit that was not ignored was a word's: a word starts at
  // a word unit after anything else, and every CJK unit may start a name. A
  // boolean, not a state table: with a table, each unit's lookup waited for
  // the previous one's, and the loop measured slower.
  let inWord = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let cls = classTable[c]!;
    if (cls === 0) cls = charClass(c);
    if (cls === WORD) {
      if (inWord) continue;
      inWord = true;
    } else if (cls === IGNORED) {
      continue;
    } else {
      inWord = false;
      if (cls !== CJK) continue;
    }
    const first = foldTable[c]!;
    const node = d.rootTable[first]!;
    let match: Match | null = null;
    candidate: {
      // Most CJK units begin no name: the root table says so in one lookup.
      if (node === 0) break candidate;
      // The walk's second unit is the next code unit folded (a space folds to
      // 0x20), unless that one is ignored or not classified yet: then no filter.
      const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
      const nextClass = next < 0 ? 0 : classTable[next]!;
      if (nextClass !== 0 && nextClass !== IGNORED) {
        const pair = Math.imul((first << 16) | foldTable[next]!, PAIR_HASH) >>> pairShift;
        if ((((pairBits[pair >>> 5]! >>> (pair & 31)) | (singleMask >>> (first & 15))) & 1) === 0) break candidate;
        // Where a word's next two units are letters too, the walk reads them as
        // they are and a name of two units cannot end there: test all three.
        if (cls === WORD && nextClass === WORD && i + 2 < n) {
          const third = text.charCodeAt(i + 2);
          if (classTable[third] === WORD) {
            const bit = Math.imul(Math.imul((first << 16) | foldTable[next]!, PAIR_HASH) ^ foldTable[third]!, TRIPLE_HASH) >>> tripleShift;
            if (((tripleBits[bit >>> 5]! >>> (bit & 31)) & 1) === 0) break candidate;
          }
        }
      }
      if (!startMayMatch(d, text, i, first)) break candidate;
      match = longestAt(d, text, i, node, cls, allowContextual);
    }
    if (match) {
      matches.push(match);
      // A match never ends inside a word, so what follows it may start a name.
      inWord = false;
      i = match.end - 1;
    } else if (cls === WORD) {
      // No name starts inside a word: run to its end in a loop that does nothing else.
      let j = i + 1;
      for (; j < n; j++) {
        let k = classTable[text.charCodeAt(j)]!;
        if (k === 0) k = charClass(text.charCodeAt(j));
        if (k !== WORD && k !== IGNORED) break;
      }
      i = j - 1;
    }
  }
  return matches;
}
