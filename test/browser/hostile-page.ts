import type { Frame, Page } from 'puppeteer-core';
import { inCardRoot } from '../../scripts/lib/card-root';

/**
 * Readers for hostile pages. Their code runs in the page's own world, where
 * the page may have replaced Array.prototype.map, Range and the like, so it
 * uses only plain loops, document.createRange() and the Highlight's own
 * iterator. Ranges inside shadow roots are included.
 */
type Target = Page | Frame;

const RANGES = `(() => {
  const out = [];
  const h = CSS.highlights.get('factlens-mention');
  if (h) for (const r of h) {
    const x = document.createRange();
    x.setStart(r.startContainer, r.startOffset);
    x.setEnd(r.endContainer, r.endOffset);
    out.push(x);
  }
  return out;
})()`;

/** The highlighted texts, sorted, so that order across shadow roots and frames does not matter. */
export async function mentionTexts(target: Target): Promise<string[]> {
  const texts = (await target.evaluate(`(() => {
    const texts = [];
    for (const r of ${RANGES}) texts.push(r.toString());
    return texts;
  })()`)) as string[];
  return texts.sort();
}

/** The centre of the first box of the first highlighted `text`, scrolled into view; null if none. */
export function mentionPoint(target: Target, text: string): Promise<{ x: number; y: number } | null> {
  return target.evaluate(`(() => {
    for (const r of ${RANGES}) {
      if (r.toString() !== ${JSON.stringify(text)}) continue;
      const el = r.startContainer.parentElement;
      if (el && el.scrollIntoView) el.scrollIntoView({ block: 'center' });
      const b = r.getClientRects()[0];
      if (!b) return null;
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }
    return null;
  })()`) as Promise<{ x: number; y: number } | null>;
}

/** Rests the pointer on a highlighted `text` in the top document, coming from outside it. */
export async function hoverText(page: Page, text: string): Promise<void> {
  const point = await mentionPoint(page, text);
  if (!point) throw new Error(`no highlighted "${text}"`);
  await page.mouse.move(1, 1);
  await page.mouse.move(point.x, point.y, { steps: 4 });
}

export interface CardState {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  position: string;
  background: string;
  viewport: { width: number; height: number };
}

/** The open card as laid out, or null while none is shown. */
export function cardState(page: Page): Promise<CardState | null> {
  return inCardRoot<CardState>(
    page,
    `(root) => {
      const frame = root.querySelector('[role=dialog]');
      if (!frame) return null;
      const r = frame.getBoundingClientRect();
      const style = getComputedStyle(frame);
      const card = frame.firstElementChild;
      return {
        text: frame.innerText,
        left: r.left, top: r.top, width: r.width, height: r.height,
        position: style.position,
        background: card ? getComputedStyle(card).backgroundColor : '',
        viewport: { width: innerWidth, height: innerHeight },
      };
    }`,
  );
}

/** Elements under <html> other than <head> and <body>: Factlens's page host, unless the page removed it. */
export function addedToHtml(page: Page): Promise<number> {
  return page.evaluate(`(() => {
    let n = 0;
    for (const el of document.documentElement.children) if (el !== document.head && el !== document.body) n++;
    return n;
  })()`) as Promise<number>;
}

/** Polls `read` until `accept` holds; returns the last value either way. */
export async function pollFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/** Whether a card lies wholly inside the viewport and is big enough to read. */
export function legible(card: CardState | null): boolean {
  if (!card) return false;
  const { left, top, width, height, viewport } = card;
  return width >= 200 && height >= 60 && left >= 0 && top >= 0 && left + width <= viewport.width && top + height <= viewport.height;
}

/** The centre of `text` inside the element with `id`, found in the DOM rather than the highlights. */
export function textPoint(target: Target, id: string, text: string): Promise<{ x: number; y: number } | null> {
  return target.evaluate(`(() => {
    const el = document.getElementById(${JSON.stringify(id)});
    const node = el && el.firstChild;
    const at = node ? node.data.indexOf(${JSON.stringify(text)}) : -1;
    if (at < 0) return null;
    const r = document.createRange();
    r.setStart(node, at);
    r.setEnd(node, at + ${text.length});
    const b = r.getClientRects()[0];
    return b ? { x: b.left + b.width / 2, y: b.top + b.height / 2 } : null;
  })()`) as Promise<{ x: number; y: number } | null>;
}

/** The errors recorded for pages whose URL contains `part`. */
export function errorsOn(errors: string[], part: string): string[] {
  return errors.filter((e) => e.includes(part));
}

/**
 * Whether the highlight of `text` is painted: a screenshot of the mention
 * with Factlens's highlights registered differs from one without them. The
 * page's registry entry is taken out for the second shot (Factlens puts it
 * back within a second, see registry-guard.ts).
 */
export async function highlightPainted(page: Page, text: string): Promise<boolean> {
  const point = await mentionPoint(page, text);
  if (!point) return false;
  await page.mouse.move(1, 1);
  // A clip is in document coordinates (puppeteer captures beyond the viewport when clipping).
  const scroll = (await page.evaluate('({ x: scrollX, y: scrollY })')) as { x: number; y: number };
  const clip = { x: Math.max(0, scroll.x + point.x - 40), y: Math.max(0, scroll.y + point.y - 12), width: 80, height: 24 };
  const withHighlight = await page.screenshot({ clip, encoding: 'base64' });
  // The control: with nothing changed, a second shot must be identical.
  if ((await page.screenshot({ clip, encoding: 'base64' })) !== withHighlight) throw new Error(`screenshots of "${text}" are not stable`);
  await page.evaluate(`CSS.highlights.delete('factlens-mention')`);
  const without = await page.screenshot({ clip, encoding: 'base64' });
  return withHighlight !== without;
}
