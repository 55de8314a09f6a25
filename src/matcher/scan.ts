import { CJK, IGNORED, SPACE, WORD, charClass, foldTextKeepCase, foldedUnit, isCapital } from '../text/fold';
import { childOf, type Dictionary } from './dictionary';

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

function skipIgnored(text: string, i: number): number {
  while (i < text.length && charClass(text.charCodeAt(i)) === IGNORED) i++;
  return i;
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

/**
 * A contextual alias ("Ma", "Ali") must be written with its own case and
 * stand alone: "Muhammad Ali" and "Ma Long" are other people.
 */
function contextualHolds(d: Dictionary, pattern: number, text: string, start: number, end: number): boolean {
  if (foldTextKeepCase(text.slice(start, end)) !== d.casedText[pattern]) return false;
  const { before, after } = neighbourWordStart(text, start, end);
  if (before >= 0 && isCapital(text.charCodeAt(before))) return false;
  if (after >= 0 && isCapital(text.charCodeAt(after))) return false;
  return true;
}

/** Which entities' contextual aliases may match at all; see resolve.ts. */
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
    if (
      d.contextual[pattern] === 1 &&
      ((allowContextual && !allowContextual(d.entity[pattern]!)) || !contextualHolds(d, pattern, text, start, end))
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
  let lastClass = firstClass;
  let j = start + 1;
  for (;;) {
    let cls = j < n ? charClass(text.charCodeAt(j)) : SPACE;
    if (cls === IGNORED) {
      j = skipIgnored(text, j);
      cls = j < n ? charClass(text.charCodeAt(j)) : SPACE;
    }
    const group = d.nodeGroup[node]!;
    // Names in CJK scripts need no boundary; others must not run into a longer word.
    if (group >= 0 && (lastClass === CJK || cls !== WORD)) {
      const patterns = acceptedPatterns(d, group, text, start, j, allowContextual);
      if (patterns) {
        bestEnd = j;
        bestPatterns = patterns;
      }
    }
    if (j >= n) break;
    let unit: number;
    let next = j + 1;
    if (cls === SPACE) {
      unit = 0x20;
      while (next < n && isSpaceOrIgnored(charClass(text.charCodeAt(next)))) next++;
    } else {
      unit = foldedUnit(text.charCodeAt(j));
    }
    const child = childOf(d, node, unit);
    if (child < 0) break;
    node = child;
    j = next;
    if (cls !== SPACE) lastClass = cls;
  }
  return bestPatterns ? { start, end: bestEnd, patterns: bestPatterns } : null;
}

/**
 * Finds every dictionary name in `text`, leftmost-longest and never
 * overlapping. Walks the trie only from word starts (and from every CJK
 * character), so the cost grows with the text, not with the dictionary.
 */
export function scan({
  dictionary: d,
  text,
  allowContextual,
}: {
  dictionary: Dictionary;
  text: string;
  allowContextual?: ContextualFilter;
}): Match[] {
  const matches: Match[] = [];
  const n = text.length;
  let previous = SPACE;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = charClass(c);
    if (cls === IGNORED) {
      i++;
      continue;
    }
    if ((cls === WORD && previous !== WORD) || cls === CJK) {
      const node = d.rootTable[foldedUnit(c)]!;
      if (node !== 0) {
        const match = longestAt(d, text, i, node, cls, allowContextual);
        if (match) {
          matches.push(match);
          // A match never ends inside a word, so what follows it may start a name.
          previous = SPACE;
          i = match.end;
          continue;
        }
      }
    }
    previous = cls;
    i++;
  }
  return matches;
}
