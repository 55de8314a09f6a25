/**
 * What bounds the English scan: the cost of loops that do a part of the
 * scan's work over the same text, in the same run, next to the scan itself,
 * and how many word starts each stage of the start filters lets through.
 * Printed with the matcher section's targets ("What limits it").
 */
import { buildDictionary, scan, type Dictionary, type Pattern } from '../src/matcher';
import { CHUNK, wordStarts as scanWordStarts } from '../src/matcher/scan';
import { PAIR_HASH, startMayMatch, tripleBit } from '../src/matcher/start-filter';
import { charClass, CJK, classTable, foldTable, foldText, IGNORED, SPACE, WORD } from '../src/text/fold';
import { median } from './head-to-head';

export interface ScanFloor {
  /** ms per run, medians */
  bareLoop: number;
  wordStarts: number;
  wordStartsBranchFree: number;
  /** Scanning a text of the names found alone, one after another: the trie walks of the matches, little else. */
  matchWalks: number;
  matchWalksText: { chars: number; names: number };
  wordHashing: number;
  scan: number;
  counts: { units: number; starts: number; pairPassed: number; triplePassed: number; walked: number; firstWordStarts: number; matches: number };
}


function timed(runs: number, f: () => unknown): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const classOf = (c: number) => classTable[c] || charClass(c);

// The loops below read the class table inline, as the scan does; the text is
// classified once before they run, so no lookup falls back to charClass.

/** Reading and classifying every code unit: the least any folding scan does. */
function bareLoop(text: string): number {
  let sum = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) sum += classTable[text.charCodeAt(i)]!;
  return sum;
}

/** Finding word starts, as the scan does (the class of the last unit that was not ignored). */
function wordStarts(text: string): number {
  let last = SPACE;
  let starts = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const cls = classTable[text.charCodeAt(i)]!;
    if (cls === IGNORED) continue;
    if ((cls === WORD && last !== WORD) || cls === CJK) starts++;
    last = cls;
  }
  return starts;
}

/** Finding word starts without a branch per unit: the scan's own loop (scan.ts), chunk by chunk. */
function wordStartsBranchFree(text: string): number {
  let total = 0;
  let word = 0;
  const n = text.length;
  for (let from = 0; from < n; from += CHUNK) {
    const found = scanWordStarts(text, from, Math.min(n, from + CHUNK), word);
    total += found >> 1;
    word = found & 1;
  }
  return total;
}

/** The word starts' offsets, for counting what each filter stage passes. */
function startOffsets(text: string): number[] {
  const offsets: number[] = [];
  let last = SPACE;
  for (let i = 0; i < text.length; i++) {
    const cls = classOf(text.charCodeAt(i));
    if (cls === IGNORED) continue;
    if ((cls === WORD && last !== WORD) || cls === CJK) offsets.push(i);
    last = cls;
  }
  return offsets;
}

/** Hashing every word's folded units: what a whole-first-word filter would pay. */
function wordHashing(text: string): number {
  let acc = 0;
  let h = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const cls = classTable[c]!;
    if (cls === WORD) h = Math.imul(h ^ foldTable[c]!, 0x01000193);
    else if (cls !== IGNORED) {
      acc ^= h;
      h = 0;
    }
  }
  return acc;
}

function firstWord(folded: string): string {
  let word = '';
  for (const ch of folded) {
    const cls = charClass(ch.charCodeAt(0));
    if (cls === IGNORED) continue;
    if (cls !== WORD) break;
    word += ch;
  }
  return word;
}

function counts(d: Dictionary, patterns: readonly Pattern[], text: string): ScanFloor['counts'] {
  let pairPassed = 0;
  let triplePassed = 0;
  let walked = 0;
  let firstWordStarts = 0;
  const firsts = new Set(patterns.map((p) => firstWord(foldText(p.text))));
  const offsets = startOffsets(text);
  for (const i of offsets) {
    const first = foldTable[text.charCodeAt(i)]!;
    if (d.rootTable[first] === 0) continue;
    if (classOf(text.charCodeAt(i)) === WORD) {
      let j = i;
      while (j < text.length && [WORD, IGNORED].includes(classOf(text.charCodeAt(j)))) j++;
      if (firsts.has(firstWord(foldText(text.slice(i, j))))) firstWordStarts++;
    }
    const next = text.charCodeAt(i + 1);
    if (i + 1 < text.length && classTable[next] !== 0 && classTable[next] !== IGNORED) {
      const pair = Math.imul((first << 16) | foldTable[next]!, PAIR_HASH) >>> d.pairShift;
      if ((((d.pairBits[pair >>> 5]! >>> (pair & 31)) | (d.singleMask >>> (first & 15))) & 1) === 0) continue;
      pairPassed++;
      const third = text.charCodeAt(i + 2);
      if (classTable[text.charCodeAt(i)] === WORD && classTable[next] === WORD && i + 2 < text.length && classTable[third] === WORD) {
        const bit = tripleBit(first, foldTable[next]!, foldTable[third]!, d.tripleShift);
        if (((d.tripleBits[bit >>> 5]! >>> (bit & 31)) & 1) === 0) continue;
      }
    } else {
      pairPassed++;
    }
    triplePassed++;
    if (startMayMatch(d, text, i, first)) walked++;
  }
  return { units: text.length, starts: offsets.length, pairPassed, triplePassed, walked, firstWordStarts, matches: scan({ dictionary: d, text }).length };
}

export function scanFloor({ patterns, text, runs = 15 }: { patterns: readonly Pattern[]; text: string; runs?: number }): ScanFloor {
  const d = buildDictionary({ patterns });
  startOffsets(text);
  const found = scan({ dictionary: d, text });
  const namesOnly = found.map((m) => text.slice(m.start, m.end)).join(' . ');
  return {
    bareLoop: timed(runs, () => bareLoop(text)),
    wordStarts: timed(runs, () => wordStarts(text)),
    wordStartsBranchFree: timed(runs, () => wordStartsBranchFree(text)),
    matchWalks: timed(runs, () => scan({ dictionary: d, text: namesOnly })),
    matchWalksText: { chars: namesOnly.length, names: found.length },
    wordHashing: timed(runs, () => wordHashing(text)),
    scan: timed(runs, () => scan({ dictionary: d, text })),
    counts: counts(d, patterns, text),
  };
}
