/**
 * Splits a source's text into paragraphs, one per line that is not blank, keeping
 * each paragraph's offset into the text so that excerpt offsets (and, later,
 * mention offsets) can be placed exactly. No trimming: a paragraph's text is
 * text.slice(start, start + text.length).
 */
export interface Paragraph {
  start: number;
  text: string;
  /** The part of this paragraph inside the excerpt, relative to the paragraph; absent when none. */
  mark?: { start: number; end: number };
}

export function splitParagraphs({ text, excerpt }: { text: string; excerpt?: { start: number; end: number } | undefined }): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    // Whitespace-only lines are as empty to the reader; skipping them moves no offsets.
    if (line.trim().length > 0) {
      const paragraph: Paragraph = { start, text: line };
      if (excerpt) {
        const from = Math.max(excerpt.start, start) - start;
        const to = Math.min(excerpt.end, start + line.length) - start;
        if (from < to) paragraph.mark = { start: from, end: to };
      }
      paragraphs.push(paragraph);
    }
    start += line.length + 1;
  }
  return paragraphs;
}
