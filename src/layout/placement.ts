/** A rectangle in viewport coordinates. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  /** Where the card sits relative to its anchor. */
  side: 'below' | 'above';
}

/**
 * Puts a card next to the text it describes: below it when it fits, above
 * when that fits better, and always inside the viewport.
 */
export function placeCard({
  anchor,
  card,
  viewport,
  gap = 6,
  margin = 8,
}: {
  anchor: Rect;
  card: { width: number; height: number };
  viewport: { width: number; height: number };
  gap?: number;
  margin?: number;
}): Placement {
  const below = viewport.height - (anchor.top + anchor.height) - gap - margin;
  const above = anchor.top - gap - margin;
  const side = card.height <= below || below >= above ? 'below' : 'above';
  let top = side === 'below' ? anchor.top + anchor.height + gap : anchor.top - gap - card.height;
  top = Math.max(margin, Math.min(top, viewport.height - margin - card.height));
  let left = anchor.left;
  left = Math.max(margin, Math.min(left, viewport.width - margin - card.width));
  return { left, top, side };
}
