/**
 * Puts every competitor's raw output into the matcher's semantics, so their
 * matches can be compared span for span:
 * - a name starting with a word character must not continue a word, one
 *   starting with a CJK character may start anywhere, and names starting
 *   with anything else never match (the matcher only starts at word starts and CJK);
 * - a name must not run into a following word character unless its last
 *   character is CJK;
 * - then leftmost-longest, never overlapping.
 * Competitors see the folded text, which has the same offsets as the original.
 */
import { charClass, CJK, WORD } from '../src/text/fold';

export interface Span {
  start: number;
  end: number;
}

function startsOk(text: string, start: number): boolean {
  const cls = charClass(text.charCodeAt(start));
  if (cls === CJK) return true;
  if (cls !== WORD) return false;
  return start === 0 || charClass(text.charCodeAt(start - 1)) !== WORD;
}

function endsOk(text: string, end: number): boolean {
  if (charClass(text.charCodeAt(end - 1)) === CJK) return true;
  return end >= text.length || charClass(text.charCodeAt(end)) !== WORD;
}

export function selectLeftmostLongest(matches: readonly Span[], text: string): Span[] {
  const valid = matches.filter((m) => m.end > m.start && startsOk(text, m.start) && endsOk(text, m.end));
  valid.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let last = 0;
  for (const m of valid) {
    if (m.start < last) continue;
    out.push({ start: m.start, end: m.end });
    last = m.end;
  }
  return out;
}

export interface Agreement {
  count: number;
  identical: boolean;
  /** The first differing match, "ours vs theirs", when not identical. */
  firstDifference?: string;
}

export function compareSpans(reference: readonly Span[], other: readonly Span[], text: string): Agreement {
  const n = Math.max(reference.length, other.length);
  for (let i = 0; i < n; i++) {
    const a = reference[i];
    const b = other[i];
    if (a && b && a.start === b.start && a.end === b.end) continue;
    const show = (m: Span | undefined) => (m ? `${m.start}–${m.end} "${text.slice(m.start, m.end)}"` : 'none');
    return { count: other.length, identical: false, firstDifference: `#${i}: ours ${show(a)} vs ${show(b)}` };
  }
  return { count: other.length, identical: true };
}
