import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { BROWSERS, firstInstallPage, launchWithExtension, loadPage, openPage, type ExtensionBrowser } from './harness';
import { waitForCard } from './overlay-page';

/** Which paragraphs of a container have a registered highlight, by index, as the page reads the registry. */
function highlightedIn(page: Page, id: string): Promise<number[]> {
  return page.evaluate(`(() => {
    const paragraphs = [...document.getElementById(${JSON.stringify(id)}).children];
    const h = CSS.highlights.get('factlens-mention');
    if (!h) return [];
    return [...new Set([...h].map((r) => paragraphs.indexOf(r.startContainer.parentElement)).filter((i) => i >= 0))].sort((a, b) => a - b);
  })()`) as Promise<number[]>;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

describe.each(BROWSERS)('%s: viewport-scoped marks', (name) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let page: Page;
  let outerCount: number;
  let innerCount: number;

  beforeAll(async () => {
    server = await startStaticServer({ dir: resolve(import.meta.dirname, 'fixtures') });
    eb = await launchWithExtension(name);
    await firstInstallPage(eb);
    page = await openPage(eb, `${server.url}long-page.html`);
    ({ outerCount, innerCount } = (await page.evaluate(
      `({ outerCount: document.getElementById('outer').children.length, innerCount: document.getElementById('inner').children.length })`,
    )) as { outerCount: number; innerCount: number });
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('registers only the mentions near the viewport', async () => {
    const outer = await waitFor(() => highlightedIn(page, 'outer'), (l) => l.length > 0);
    expect(outer[0]).toBe(0);
    expect(outer.length).toBeLessThan(outerCount);
    expect(outer).not.toContain(outerCount - 1);
    const inner = await highlightedIn(page, 'inner');
    expect(inner[0]).toBe(0);
    expect(inner).not.toContain(innerCount - 1);
  });

  it('registers the mentions on screen in a tab opened in the background, which renders no frame', async () => {
    const background = await eb.browser.newPage();
    const front = await eb.browser.newPage();
    await loadPage(background, `${server.url}long-page.html`);
    expect(await background.evaluate('document.visibilityState')).toBe('hidden');
    const outer = await waitFor(() => highlightedIn(background, 'outer'), (l) => l.length > 0);
    expect(outer[0]).toBe(0);
    expect(outer).not.toContain(outerCount - 1);
    await front.close();
    await background.close();
  });

  it('brings mentions in and takes them out as the window scrolls', async () => {
    await page.evaluate(`window.scrollTo(0, document.documentElement.scrollHeight)`);
    const outer = await waitFor(() => highlightedIn(page, 'outer'), (l) => l.includes(outerCount - 1) && !l.includes(0));
    expect(outer).toContain(outerCount - 1);
    expect(outer).not.toContain(0);
  });

  it('brings mentions in as an inner scroll container scrolls', async () => {
    await page.evaluate(`window.scrollTo(0, 0); document.getElementById('inner').scrollTop = 1e6`);
    const inner = await waitFor(() => highlightedIn(page, 'inner'), (l) => l.includes(innerCount - 1));
    expect(inner).toContain(innerCount - 1);
  });

  it('opens the card of a mention far down after scrolling, counting every mention on the page', async () => {
    const point = (await page.evaluate(`(() => {
      const p = document.getElementById('outer').lastElementChild;
      p.scrollIntoView({ block: 'center' });
      const text = p.firstChild;
      const r = document.createRange();
      r.setStart(text, text.data.indexOf('Jack Ma'));
      r.setEnd(text, text.data.indexOf('Jack Ma') + 'Jack Ma'.length);
      const b = r.getClientRects()[0];
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    })()`)) as { x: number; y: number };
    await page.mouse.move(point.x - 40, point.y - 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    const text = await waitForCard(page, (t) => t !== null && /mentions on this page/.test(t));
    expect(text).toContain(`${outerCount} of ${outerCount}`);
    expect(text).toMatch(new RegExp(`\\b${outerCount} mentions on this page`));
  });
});
