import { readsAsExtracted } from './extract';
import type { Mention, PageMentions } from './page-mentions';

type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

/**
 * A live Range over a mention, for geometry: StaticRange has none. Offsets
 * are clamped to the nodes' lengths, where a live Range would throw: the
 * page may have shortened a node since the mention was made.
 */
export function liveRange(doc: Document, range: AbstractRange): Range {
  const r = doc.createRange();
  r.setStart(range.startContainer, Math.min(range.startOffset, lengthOf(range.startContainer)));
  r.setEnd(range.endContainer, Math.min(range.endOffset, lengthOf(range.endContainer)));
  return r;
}

function lengthOf(node: Node): number {
  return node.nodeType === Node.TEXT_NODE ? (node as Text).data.length : node.childNodes.length;
}

/** A mention whose text the page has changed since is not there to hover: its offsets now mark other text. */
function current(m: Mention): boolean {
  return readsAsExtracted(m.block, m.start, m.end);
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
  shadowRoots: ReadonlySet<ShadowRoot>;
}): Mention | null {
  const d = doc as CaretDocument;
  let node: Node | null = null;
  if (d.caretPositionFromPoint) {
    node = d.caretPositionFromPoint(x, y, shadowRoots.size > 0 ? { shadowRoots: [...shadowRoots] } : undefined)?.offsetNode ?? null;
  } else if (d.caretRangeFromPoint) {
    node = d.caretRangeFromPoint(x, y)?.startContainer ?? null;
  }
  if (!node || node.nodeType !== Node.TEXT_NODE) return null;
  for (const m of mentions.inNode(node as Text)) {
    if (current(m) && under(liveRange(doc, m.range).getClientRects(), x, y)) return m;
  }
  return null;
}

/** The mention at a caret or selection point, for opening a card from the keyboard. */
export function mentionAtCaret({ doc, node, offset, mentions }: { doc: Document; node: Node; offset: number; mentions: PageMentions }): Mention | null {
  if (node.nodeType !== Node.TEXT_NODE) return null;
  for (const m of mentions.inNode(node as Text)) {
    if (!current(m)) continue;
    const r = liveRange(doc, m.range);
    if (r.isPointInRange(node, offset)) return m;
  }
  return null;
}
