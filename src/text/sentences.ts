const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(locale, s);
  }
  return s;
}

/**
 * The sentence around [start, end), never crossing a line break: source
 * texts put headlines and list items on lines of their own without a full stop.
 */
export function sentenceAround({
  text,
  start,
  end,
  locale = 'en',
}: {
  text: string;
  start: number;
  end: number;
  locale?: string;
}): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineBreak = text.indexOf('\n', end);
  const lineEnd = lineBreak < 0 ? text.length : lineBreak;
  const line = text.slice(lineStart, lineEnd);
  let from = 0;
  let to = line.length;
  for (const seg of segmenter(locale).segment(line)) {
    const segEnd = seg.index + seg.segment.length;
    if (segEnd <= start - lineStart) from = segEnd;
    else if (seg.index >= end - lineStart) {
      to = seg.index;
      break;
    }
  }
  let a = lineStart + from;
  let b = lineStart + to;
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return { start: a, end: b };
}
