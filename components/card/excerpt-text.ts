import type { Mention } from '../../src/dataset/schema';

export interface ExcerptItem {
  /** The mention the excerpt links to: the first one in its sentence. */
  mention: Mention;
  /** [start, end) of every mention in this sentence, relative to the sentence. */
  marks: [number, number][];
}

/**
 * One excerpt per distinct sentence, in dataset order. A sentence naming the
 * entity twice is one excerpt with both names marked, and the same sentence
 * in a second article would only repeat what the reader has just read.
 */
export function excerptItems({ mentions }: { mentions: readonly Mention[] }): ExcerptItem[] {
  const bySentence = new Map<string, ExcerptItem>();
  for (const mention of mentions) {
    const item = bySentence.get(mention.sentence);
    if (!item) {
      bySentence.set(mention.sentence, { mention, marks: markOf(mention) });
    } else if (item.mention.source === mention.source && item.mention.sentenceStart === mention.sentenceStart) {
      item.marks.push(...markOf(mention));
    }
  }
  return [...bySentence.values()].map((item) => ({ ...item, marks: withoutOverlaps(item.marks) }));
}

/** Imported datasets are not checked like the bundled one, so offsets outside the sentence mark nothing. */
function markOf({ sentence, sentenceStart, start, end }: Mention): [number, number][] {
  const from = start - sentenceStart;
  const to = end - sentenceStart;
  return from >= 0 && to > from && to <= sentence.length ? [[from, to]] : [];
}

function withoutOverlaps(marks: [number, number][]): [number, number][] {
  const sorted = [...marks].sort((a, b) => a[0] - b[0]);
  const kept: [number, number][] = [];
  for (const mark of sorted) {
    const last = kept[kept.length - 1];
    if (!last || mark[0] >= last[1]) kept.push(mark);
  }
  return kept;
}

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * The sentence cut into plain and marked runs. Sentences longer than `max`
 * are cut to a window around the first mark, at word boundaries, so the name
 * stays in view in a small card; the link opens the whole source anyway.
 */
export function excerptSegments({ sentence, marks, max }: { sentence: string; marks: readonly [number, number][]; max: number }): Segment[] {
  const [from, to] = excerptWindow({ sentence, first: marks[0], max });
  const segments: Segment[] = [];
  let at = from;
  for (const [start, end] of marks) {
    if (start < from || end > to) continue;
    if (start > at) segments.push({ text: sentence.slice(at, start), mark: false });
    segments.push({ text: sentence.slice(start, end), mark: true });
    at = end;
  }
  if (at < to) segments.push({ text: sentence.slice(at, to), mark: false });
  if (from > 0) segments.unshift({ text: '…', mark: false });
  if (to < sentence.length) segments.push({ text: '…', mark: false });
  return segments;
}

function excerptWindow({ sentence, first, max }: { sentence: string; first: [number, number] | undefined; max: number }): [number, number] {
  if (sentence.length <= max) return [0, sentence.length];
  const [markStart, markEnd] = first ?? [0, 0];
  // A third of the context before the name, two thirds after: sentences tend to say what someone did after naming them.
  const lead = Math.max(0, Math.floor((max - (markEnd - markStart)) / 3));
  let from = Math.min(Math.max(0, markStart - lead), sentence.length - max);
  let to = Math.max(from + max, markEnd);
  if (from > 0 && sentence[from - 1] !== ' ') {
    const space = sentence.indexOf(' ', from);
    if (space !== -1 && space < markStart) from = space + 1;
  }
  if (to < sentence.length) {
    const space = sentence.lastIndexOf(' ', to);
    if (space > markEnd) to = space;
  }
  return [from, to];
}
