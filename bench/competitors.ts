/**
 * The matchers compared, behind one interface. Ours reads the original text
 * and folds on the fly. The others get folded names and the folded text, and
 * report raw spans that agree.ts turns into the matcher's semantics.
 */
import AhoCorasickOld from 'ahocorasick';
import ModernAhoCorasick from 'modern-ahocorasick';
import FastAhoCorasick from 'modern-ahocorasick/fast';
import { buildDictionary, scan, type Dictionary, type Pattern } from '../src/matcher';
import { charClass, CJK } from '../src/text/fold';
import type { Span } from './agree';
import { isHanName } from './texts';

export interface Competitor<T = unknown> {
  name: string;
  /** Whether it searches the folded text and its output needs selectLeftmostLongest. */
  folded: boolean;
  /** Built from the original patterns (ours) or the folded, deduplicated names (others). */
  build(input: { patterns: readonly Pattern[]; foldedNames: readonly string[] }): T;
  scan(built: T, text: string): Span[];
  /** Exact retained bytes where the structure is known, else undefined (heap delta is used). */
  exactBytes?(built: T): number;
}

export const ours: Competitor<Dictionary> = {
  name: 'Factlens matcher (buildDictionary + scan)',
  folded: false,
  build: ({ patterns }) => buildDictionary({ patterns }),
  scan: (dictionary, text) => scan({ dictionary, text }),
  exactBytes: (d) => {
    let bytes = 0;
    for (const value of Object.values(d)) if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    for (const s of d.casedText) bytes += 2 * s.length;
    return bytes;
  },
};

const modern: Competitor<ModernAhoCorasick> = {
  name: 'modern-ahocorasick',
  folded: true,
  build: ({ foldedNames }) => new ModernAhoCorasick(foldedNames as string[]),
  scan: (ac, text) => ac.search(text),
};

const modernFast: Competitor<FastAhoCorasick> = {
  name: 'modern-ahocorasick/fast (double array)',
  folded: true,
  build: ({ foldedNames }) => new FastAhoCorasick(foldedNames as string[]),
  scan: (ac, text) => ac.search(text),
};

const old: Competitor<AhoCorasickOld> = {
  name: 'ahocorasick',
  folded: true,
  build: ({ foldedNames }) => new AhoCorasickOld(foldedNames as string[]),
  scan: (ac, text) => {
    const out: Span[] = [];
    for (const [last, words] of ac.search(text)) for (const w of words) out.push({ start: last + 1 - w.length, end: last + 1 });
    return out;
  },
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A word character in the matcher's sense: a letter or number outside CJK scripts. */
const W = '(?:(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3005\\u30fc])[\\p{L}\\p{N}])';

const regexp: Competitor<RegExp> = {
  name: 'one RegExp (alternation, longest first, iu)',
  folded: true,
  build: ({ foldedNames }) => {
    const sorted = [...foldedNames].sort((a, b) => b.length - a.length);
    const endsCjk = (s: string) => charClass(s.charCodeAt(s.length - 1)) === CJK;
    // Boundaries depend on the first character (word: lookbehind) and the last
    // (not CJK: lookahead). Names starting with anything else never match in ours.
    const groups: string[] = [];
    for (const [startWord, endWord] of [[true, true], [true, false], [false, true], [false, false]] as const) {
      const names = sorted.filter((s) => !isHanName(s) === startWord && !endsCjk(s) === endWord);
      if (names.length) groups.push(`${startWord ? `(?<!${W})` : ''}(?:${names.map(escape).join('|')})${endWord ? `(?!${W})` : ''}`);
    }
    return new RegExp(groups.join('|') || '(?!)', 'giu');
  },
  scan: (re, text) => {
    const out: Span[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
    return out;
  },
};

const naive: Competitor<readonly string[]> = {
  name: 'naive indexOf per name',
  folded: true,
  build: ({ foldedNames }) => foldedNames,
  scan: (names, text) => {
    const out: Span[] = [];
    for (const name of names) for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) out.push({ start: i, end: i + name.length });
    return out;
  },
};

/**
 * Above this many names one alternation RegExp no longer finishes even a
 * 20,000-character probe in minutes (V8 tries the alternatives one by one),
 * so the 100k run leaves it out and says so.
 */
export const REGEXP_MAX_PATTERNS = 20_000;

/** Competitors for a dictionary; naive indexOf only at the bundled size, the RegExp only up to REGEXP_MAX_PATTERNS. */
export function competitorsFor({ bundled, patterns }: { bundled: boolean; patterns: number }): Competitor[] {
  const list = [ours, modern, modernFast, old] as Competitor[];
  if (patterns <= REGEXP_MAX_PATTERNS) list.push(regexp);
  if (bundled) list.push(naive);
  return list;
}

/** Whether a name mixes a word-character start with a CJK end or the reverse. */
export function mixedScript(name: string): boolean {
  return isHanName(name) !== (charClass(name.charCodeAt(name.length - 1)) === CJK);
}
