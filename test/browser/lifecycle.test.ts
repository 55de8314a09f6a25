import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { until } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, openPage, type ExtensionBrowser } from './harness';
import { hoverMention, waitForCard } from './overlay-page';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const CHROME_BUILD = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/**
 * Reloads the extension as an update would. Firefox: runtime.reload() from an
 * extension page. Chromium: loading the same unpacked directory again, as the
 * reload button in chrome://extensions does; runtime.reload() on an extension
 * that puppeteer loaded through CDP (Extensions.loadUnpacked) leaves it
 * disabled in headless Chromium (its pages then fail with ERR_BLOCKED_BY_CLIENT).
 */
async function reloadExtension(eb: ExtensionBrowser, extensionPage: Page): Promise<void> {
  if (eb.name === 'chromium') {
    await eb.browser.installExtension(CHROME_BUILD);
    return;
  }
  // runtime.reload() closes the page that calls it, so its evaluate may never answer.
  void extensionPage.evaluate(`browser.runtime.reload()`).catch(() => {});
}
const highlightCount = `CSS.highlights.get('factlens-mention')?.size ?? 0`;

describe.each(BROWSERS)('%s: the extension reloaded with pages open', (name) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let old: Page;

  beforeAll(async () => {
    server = await startStaticServer({ dir: FIXTURES });
    eb = await launchWithExtension(name);
    const options = await firstInstallPage(eb);
    await until(options, `document.querySelector('[data-testid=datasets] tr[data-dataset]') !== null`, 20_000);
    old = await openPage(eb, `${server.url}news-rules.html`);
    await until(old, `${highlightCount} > 5`);
    // A card is open when the extension goes away, so its host is on the page.
    await hoverMention(old, 'Jack Ma');
    expect(await waitForCard(old, (t) => t?.includes('Jack Ma') ?? false)).toContain('Jack Ma');
    await reloadExtension(eb, options);
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('a page loaded afterwards is served by the new content script', async () => {
    // Until the reloaded extension is up, a new page may see no content script.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const fresh = await openPage(eb, `${server.url}news-rules.html`);
      const count = await until<number>(fresh, highlightCount, 5_000).catch(() => 0);
      await fresh.close();
      if (count > 5) break;
      if (Date.now() > deadline) throw new Error('no highlights on a page opened after the reload');
    }
  });

  it('the page that was open is left clean, or taken over by the new script', async () => {
    const state = () =>
      old.evaluate(`JSON.stringify({ highlights: ${highlightCount}, cards: document.querySelectorAll('factlens-card').length })`) as Promise<string>;
    // Chromium orphans the old script and injects no new one into open tabs:
    // the old one must take its highlights and card away. Firefox tears the
    // old one down and injects the new one, which must clear the old card and
    // highlight the page again, including text added after the reload.
    if (name === 'chromium') {
      await expect.poll(async () => JSON.parse(await state()) as unknown, { timeout: 10_000 }).toEqual({ highlights: 0, cards: 0 });
      return;
    }
    await expect.poll(async () => (JSON.parse(await state()) as { cards: number }).cards, { timeout: 10_000 }).toBe(0);
    await old.evaluate(`document.body.insertAdjacentHTML('beforeend', '<p id="late">Daniel Zhang arrived late.</p>')`);
    await until(old, `[...CSS.highlights.get('factlens-mention') ?? []].some((r) => r.startContainer.parentElement?.id === 'late')`);
  });

  it('hovering a name on the old page throws nothing and opens no stale card', async () => {
    await old.bringToFront();
    const point = (await old.evaluate(`(() => {
      const p = [...document.querySelectorAll('p')].find((e) => e.textContent.includes('Jack Ma'));
      p.scrollIntoView({ block: 'center' });
      const r = p.getBoundingClientRect();
      return { x: r.left + 20, y: r.top + r.height / 2 };
    })()`)) as { x: number; y: number };
    for (let i = 0; i < 5; i++) await old.mouse.move(point.x + i * 15, point.y, { steps: 3 });
    await new Promise((r) => setTimeout(r, 1500));
    if (name === 'chromium') expect(await old.evaluate(`document.querySelectorAll('factlens-card').length`)).toBe(0);
  });

  it('logs no errors, on the old page or anywhere else', () => {
    expect(eb.errors).toEqual([]);
  });
});
