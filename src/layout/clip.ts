/** A box in viewport coordinates; DOMRect is one. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * What of `box` shows through every clip (the viewport, and each scroll
 * container around it), or null if nothing does. A box with no area is
 * nothing: a mark must not be painted for a mention scrolled out of its
 * container, nor as a line along the container's edge.
 */
export function clipBox(box: Box, clips: readonly Box[]): Box | null {
  let { left, top, right, bottom } = box;
  for (const c of clips) {
    left = Math.max(left, c.left);
    top = Math.max(top, c.top);
    right = Math.min(right, c.right);
    bottom = Math.min(bottom, c.bottom);
  }
  return right > left && bottom > top ? { left, top, right, bottom } : null;
}

/**
 * The part of an element's border box that its overflow clips descendants
 * to: inside the borders, without the scrollbars (clientWidth/Height leave
 * them out).
 */
export function paddingBox(border: Box, el: { clientLeft: number; clientTop: number; clientWidth: number; clientHeight: number }): Box {
  const left = border.left + el.clientLeft;
  const top = border.top + el.clientTop;
  return { left, top, right: left + el.clientWidth, bottom: top + el.clientHeight };
}
