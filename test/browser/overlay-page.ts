import type { Browser, Page } from 'puppeteer-core';
import { inCardRoot } from '../../scripts/lib/card-root';

export { cardText, waitForCard } from '../../scripts/lib/card-root';
import { startStaticServer, type StaticServer, type StaticServerOptions } from '../../scripts/lib/static-server';

/** The texts of the overlay's highlights in document order, read as the page sees them. */
export function highlightTexts(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const h = CSS.highlights.get('factlens-mention');
    if (!h) return [];
    const ranges = [...h].map((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x; });
    // Ranges in shadow trees cannot be compared with the document's: they follow it.
    const inDoc = ranges.filter((r) => r.startContainer.getRootNode() === document);
    inDoc.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    return [...inDoc, ...ranges.filter((r) => !inDoc.includes(r))].map((r) => r.toString());
  })()`) as Promise<string[]>;
}

/**
 * Scrolls the first text of the document holding `text` to the middle of the
 * window: marks are registered only near the viewport (overlay/viewport-scope.ts).
 */
export async function scrollToText(page: Page, text: string): Promise<void> {
  await page.evaluate(`(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.data.includes(${JSON.stringify(text)})) return n.parentElement.scrollIntoView({ block: 'center' });
    }
  })()`);
}

/** Waits until the highlights equal `expected` (order-insensitive when `sorted`). */
export async function waitForHighlights(page: Page, expected: string[], timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await highlightTexts(page);
    if (JSON.stringify(last) === JSON.stringify(expected)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  return last;
}

/** Moves the pointer onto the n-th highlighted mention whose text is `text`. */
export async function hoverMention(page: Page, text: string, nth = 0): Promise<void> {
  const point = (await page.evaluate(`(() => {
    const h = CSS.highlights.get('factlens-mention');
    const ranges = [...h].map((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x; })
      .filter((r) => r.toString() === ${JSON.stringify(text)} && r.startContainer.getRootNode() === document)
      .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
    const r = ranges[${nth}];
    if (!r) return null;
    r.startContainer.parentElement.scrollIntoView({ block: 'center' });
    const b = r.getClientRects()[0];
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  })()`)) as { x: number; y: number } | null;
  if (!point) throw new Error(`no highlighted "${text}"`);
  await page.mouse.move(point.x - 40, point.y - 40);
  await page.mouse.move(point.x, point.y, { steps: 4 });
}

/**
 * Clicks an element inside the card's shadow root with the mouse, as the reader
 * does: the card ignores a script's click(). With `text`, the element is the
 * one matching `selector` whose text is exactly `text`. The card may be
 * re-rendering when asked, so the element is awaited for a few seconds.
 */
export async function clickInCard(page: Page, selector: string, text?: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const point = await inCardRoot<{ x: number; y: number }>(
      page,
      `(root) => {
        const text = ${JSON.stringify(text ?? null)};
        const el = [...root.querySelectorAll(${JSON.stringify(selector)})].find((e) => text === null || e.textContent === text);
        if (!el) return null;
        el.scrollIntoView({ block: 'nearest' });
        const r = el.getClientRects()[0];
        return r ? { x: r.left + Math.min(8, r.width / 2), y: r.top + r.height / 2 } : null;
      }`,
    );
    if (point) {
      await page.mouse.click(point.x, point.y);
      return;
    }
    if (Date.now() > deadline) throw new Error(`nothing in the card matches ${selector}${text === undefined ? '' : ` with the text ${text}`}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Moves the pointer onto the card's name, as a reader's stays on a card
 * whose content a click changed: the card may take another size and leave
 * the pointer outside, and a card the pointer has left closes (hover-intent.ts).
 */
export async function pointAtCard(page: Page): Promise<void> {
  const point = await inCardRoot<{ x: number; y: number }>(
    page,
    `(root) => {
      const r = root.querySelector('.fl-name')?.getBoundingClientRect();
      return r ? { x: r.left + Math.min(8, r.width / 2), y: r.top + r.height / 2 } : null;
    }`,
  );
  if (point) await page.mouse.move(point.x, point.y);
}

/** Presses Alt+Shift+F, the shortcut that opens the card of the name at the caret. */
export async function pressCardShortcut(page: Page): Promise<void> {
  await page.keyboard.down('Alt');
  await page.keyboard.down('Shift');
  await page.keyboard.press('KeyF');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Alt');
}

/** Turns the overlay on or off for a host, as the popup does, from an extension page. */
export async function setSiteEnabled(extensionPage: Page, host: string, enabled: boolean): Promise<void> {
  await extensionPage.evaluate(
    `(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      const answer = await api.runtime.sendMessage({ type: 'setSiteSettings', host: ${JSON.stringify(host)}, enabled: ${enabled} });
      if (!answer?.ok) throw new Error(JSON.stringify(answer));
    })()`,
  );
}

/**
 * A tab the extension opened, found by its real location: Firefox's BiDi
 * reports tabs that the extension opens as about:blank, though their
 * documents are the extension's pages.
 */
export async function waitForTab(browser: Browser, urlPart: string, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const p of await browser.pages()) {
      const href = await p.evaluate('location.href').catch(() => '');
      if (typeof href === 'string' && href.includes(urlPart)) return p;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no tab at ${urlPart}`);
}

/**
 * The same site served twice, on two hosts: Factlens stays on for `on`
 * (127.0.0.1) and is turned off for `off` (localhost), so a page's own
 * behaviour there is the baseline. Two hosts, not two ports: a site's
 * setting covers every port (src/site-host.ts).
 */
export async function serveOnAndOff(extensionPage: Page, options: StaticServerOptions): Promise<{ on: StaticServer; off: StaticServer; close(): Promise<void> }> {
  const on = await startStaticServer(options);
  const offServer = await startStaticServer(options);
  const off = { ...offServer, url: offServer.url.replace('127.0.0.1', 'localhost') };
  await setSiteEnabled(extensionPage, new URL(off.url).host, false);
  return { on, off, close: async () => void (await Promise.all([on.close(), offServer.close()])) };
}
