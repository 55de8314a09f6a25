import type { Paragraph } from './paragraphs';

/**
 * The source's full text, one <p> per line. Each paragraph carries its offset
 * into the source text (data-start), so offsets from the dataset can be
 * mapped back onto the DOM. The excerpt is a <mark>; only its first part has
 * id="excerpt", should it ever span paragraphs.
 */
export function SourceText({ paragraphs }: { paragraphs: Paragraph[] }) {
  const firstMarked = paragraphs.findIndex((p) => p.mark);
  return (
    <article data-testid="viewer-text" class="source-text">
      {paragraphs.map((p, i) => (
        <p key={p.start} data-start={p.start}>
          {p.mark ? (
            <>
              {p.mark.start > 0 && p.text.slice(0, p.mark.start)}
              {i === firstMarked ? (
                <mark id="excerpt" data-testid="excerpt" tabIndex={-1}>
                  {p.text.slice(p.mark.start, p.mark.end)}
                </mark>
              ) : (
                <mark class="excerpt-continued">{p.text.slice(p.mark.start, p.mark.end)}</mark>
              )}
              {p.mark.end < p.text.length && p.text.slice(p.mark.end)}
            </>
          ) : (
            p.text
          )}
        </p>
      ))}
    </article>
  );
}
