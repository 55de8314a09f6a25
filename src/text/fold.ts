import { simplifiedUnit } from './simplified';

/**
 * Per-code-unit folding shared by the matcher, the dataset compiler and search.
 *
 * Every UTF-16 code unit folds to at most one code unit, so a scan can fold on
 * the fly and report offsets in the original text without a mapping array.
 * Traditional Han folds to Simplified (simplified.ts) the same way, so the
 * hot loop pays nothing for it: it reads the same table.
 * Tables are filled lazily: computing all 65,536 entries up front would cost a
 * page tens of milliseconds for characters it never shows.
 */

/** Punctuation, symbols: never part of a word. */
const OTHER = 1;
/** Letters and numbers outside CJK scripts: they need word boundaries. */
export const WORD = 2;
/** Han, kana and Hangul: matched without word boundaries. */
export const CJK = 3;
/** Any whitespace, NBSP and line breaks included: runs fold to one space. */
export const SPACE = 4;
/** Combining marks, soft hyphens and zero-width characters: skipped entirely. */
export const IGNORED = 5;

/**
 * Ends every match: extraction puts it between blocks so that a name cannot
 * run from one paragraph into the next. U+FFFF is a noncharacter, so it never
 * occurs in real text.
 */
export const BLOCK_BREAK = '\uffff';

const classes = new Uint8Array(0x10000);
const lower = new Uint16Array(0x10000);
const cased = new Uint16Array(0x10000);

const APOSTROPHES = '\u2018\u2019\u201a\u201b\u02bc\u2032\u0060\u00b4\uff07';
const QUOTES = '\u201c\u201d\u201e\u201f\u2033\uff02';
const DASHES = '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d';

const IGNORED_RE = /^[\p{M}\u00ad\u200b-\u200d\u2060\ufeff]$/u;
const SPACE_RE = /^\s$/u;
const CJK_RE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u30fc]$/u;
const WORD_RE = /^[\p{L}\p{N}]$/u;
const MARKS_RE = /\p{M}/gu;

/** The base letter without marks, or the letter itself when it has no single-letter base. */
function baseLetter(ch: string): string {
  for (const form of ['NFKD', 'NFD'] as const) {
    const base = ch.normalize(form).replace(MARKS_RE, '');
    if (base.length === 1) return base;
  }
  return ch;
}

function single(s: string, fallback: string): number {
  return (s.length === 1 ? s : fallback).charCodeAt(0);
}

function compute(c: number): void {
  const ch = String.fromCharCode(c);
  let cls: number;
  let keep = c;
  if (c >= 0xd800 && c <= 0xdfff) {
    // Astral letters are rare in names; treat each half as a word unit as-is.
    cls = WORD;
  } else if (APOSTROPHES.includes(ch)) {
    cls = OTHER;
    keep = 0x27;
  } else if (QUOTES.includes(ch)) {
    cls = OTHER;
    keep = 0x22;
  } else if (DASHES.includes(ch)) {
    cls = OTHER;
    keep = 0x2d;
  } else if (IGNORED_RE.test(ch)) {
    cls = IGNORED;
  } else if (SPACE_RE.test(ch)) {
    cls = SPACE;
    keep = 0x20;
  } else if (CJK_RE.test(ch)) {
    cls = CJK;
    keep = simplifiedUnit(c);
  } else if (WORD_RE.test(ch)) {
    cls = WORD;
    keep = single(baseLetter(ch), ch);
  } else {
    cls = OTHER;
  }
  cased[c] = keep;
  const keptChar = String.fromCharCode(keep);
  lower[c] = single(keptChar.toLowerCase(), keptChar);
  classes[c] = cls;
}

/** The class of a code unit: OTHER, WORD, CJK, SPACE or IGNORED. */
export function charClass(c: number): number {
  const cls = classes[c]!;
  if (cls !== 0) return cls;
  compute(c);
  return classes[c]!;
}

/**
 * The lazily filled tables themselves, for hot loops that cannot afford a
 * call per code unit (the matcher's scan). Read-only: an entry of
 * `classTable` is 0 until charClass computes it, and `foldTable` is valid only
 * where `classTable` is not 0.
 */
export const classTable: Uint8Array = classes;
export const foldTable: Uint16Array = lower;

/** The code unit folded for case-insensitive matching. Call charClass first. */
export function foldedUnit(c: number): number {
  if (classes[c] === 0) compute(c);
  return lower[c]!;
}

/** The code unit folded but keeping its case, for case-sensitive aliases. */
function casedUnit(c: number): number {
  if (classes[c] === 0) compute(c);
  return cased[c]!;
}

/**
 * Writes `text` folded by `table` into `out` from `at` and returns where it
 * ends: ignored units dropped, each whitespace run one space, trimmed. `out`
 * needs room for text.length units (folding never lengthens). The one place
 * this rule lives; foldWith and the matcher's build both go through it.
 */
function foldInto(text: string, table: (c: number) => number, out: Uint16Array, at: number): number {
  let pendingSpace = false;
  const first = at;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = charClass(c);
    if (cls === IGNORED) continue;
    if (cls === SPACE) {
      pendingSpace = at > first;
      continue;
    }
    if (pendingSpace) {
      out[at++] = 0x20;
      pendingSpace = false;
    }
    out[at++] = table(c);
  }
  return at;
}

/** Folds `text` case-insensitively into `out` from `at`, as foldText; returns the end. */
export function foldTextInto(text: string, out: Uint16Array, at: number): number {
  return foldInto(text, foldedUnit, out, at);
}

/** Names fold in this buffer; a longer text gets its own, so no large one is kept. */
const SCRATCH = 4096;
const scratch = new Uint16Array(SCRATCH);
/** Units per String.fromCharCode call: well under any engine's argument limit. */
const CHUNK = 8192;

/** Strings built a unit at a time cost a copy per unit (10 s for 1M names); this reads a buffer once. */
function foldWith(text: string, table: (c: number) => number): string {
  const buffer = text.length <= SCRATCH ? scratch : new Uint16Array(text.length);
  const end = foldInto(text, table, buffer, 0);
  let out = '';
  for (let i = 0; i < end; i += CHUNK) out += String.fromCharCode.apply(null, buffer.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[]);
  return out;
}

/**
 * Folds a whole string the way the matcher reads text: case, diacritics,
 * quote and dash variants ignored; Traditional Han as Simplified; whitespace runs become one space; trimmed.
 */
export function foldText(text: string): string {
  return foldWith(text, foldedUnit);
}

/** As foldText, but keeping case. */
export function foldTextKeepCase(text: string): string {
  return foldWith(text, casedUnit);
}

/** Whether a code unit is an uppercase or titlecase letter. */
export function isCapital(c: number): boolean {
  if (charClass(c) !== WORD) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}
