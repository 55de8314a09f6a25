import type { Mention, PageMentions } from './page-mentions';

type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/** A live Range over a mention, for geometry: StaticRange has none. */
export function liveRange(doc: Document, range: AbstractRange): Range {
  const r = doc.createRange();
  r.setStart(range.startContainer, range.startOffset);
  r.setEnd(range.endContainer, range.endOffset);
  return r;
}

function under(rects: DOMRectList, x: number, y: number): boolean {
  for (const r of rects) if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
  return false;
}

/**
 * The mention under a point. The caret position finds the text node cheaply;
 * the mention's own boxes decide, because a caret is also reported for
 * points beside the text (past the end of a line, between paragraphs).
 */
export function mentionAtPoint({
  doc,
  x,
  y,
  mentions,
  shadowRoots,
}: {
  doc: Document;
  x: number;
  y: number;
  mentions: PageMentions;
  shadowRoots: ShadowRoot[];
}): Mention | null {
  const d = doc as CaretDocument;
  let node: Node | null = null;
  if (d.caretPositionFromPoint) {
    node = d.caretPositionFromPoint(x, y, shadowRoots.length > 0 ? { shadowRoots } : undefined)?.offsetNode ?? null;
  } else if (d.caretRangeFromPoint) {
    node = d.caretRangeFromPoint(x, y)?.startContainer ?? null;
  }
  if (!node || node.nodeType !== Node.TEXT_NODE) return null;
  for (const m of mentions.inNode(node as Text)) {
    if (under(liveRange(doc, m.range).getClientRects(), x, y)) return m;
  }
  return null;
}

/** The mention at a caret or selection point, for opening a card from the keyboard. */
export function mentionAtCaret({ doc, node, offset, mentions }: { doc: Document; node: Node; offset: number; mentions: PageMentions }): Mention | null {
  if (node.nodeType !== Node.TEXT_NODE) return null;
  for (const m of mentions.inNode(node as Text)) {
    const r = liveRange(doc, m.range);
    if (r.isPointInRange(node, offset)) return m;
  }
  return null;
}
