import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { OPEN_SOURCE_RATE } from '../../src/limits';
import { BROWSERS, firstInstallPage, launchWithExtension, openPage, type ExtensionBrowser } from './harness';
import { addedToHtml, cardState, errorsOn, hoverText, legible, mentionPoint, mentionTexts, pollFor } from './hostile-page';
import { clickInCard } from './overlay-page';

const JACK_MA = bundled.entities.find((e) => e.id === 'jack-ma')!;
/** Long enough for a card to open from a rest (the default delay is 300 ms) and a tab to be asked for. */
const SETTLE_MS = 1200;

/** Tabs showing the source viewer, found by their real location (see waitForTab in overlay-page.ts). */
async function viewerTabs(eb: ExtensionBrowser): Promise<Page[]> {
  const tabs: Page[] = [];
  for (const p of await eb.browser.pages()) {
    const href = await p.evaluate('location.href').catch(() => '');
    if (typeof href === 'string' && href.includes('/viewer.html?')) tabs.push(p);
  }
  return tabs;
}

/**
 * The page goes after the card (card-attacks.html): it defines custom
 * elements a host might be, watches every shadow root and node, fakes the
 * reader's pointer, keys and clicks, and searches all it can reach.
 */
describe.each(BROWSERS)('%s: hostile page against the card', (name) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let page: Page;

  beforeAll(async () => {
    server = await startStaticServer({ dir: resolve(import.meta.dirname, 'fixtures/hostile') });
    eb = await launchWithExtension(name);
    await firstInstallPage(eb);
    page = await openPage(eb, `${server.url}card-attacks.html`);
    await pollFor(() => mentionTexts(page), (t) => t.length === 3);
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('pre-defined custom elements and attachInternals get nothing; the host is mounted before any card', async () => {
    expect(await mentionTexts(page)).toEqual(['Alibaba', 'Changsha', 'Jack Ma']);
    expect(await addedToHtml(page)).toBe(1);
    expect(await page.evaluate('window.taken.constructed')).toBe(0);
    expect(await page.evaluate('window.taken.roots.length')).toBe(0);
    // The host's shadow root is closed.
    expect(await page.evaluate(`[...document.documentElement.children].filter((e) => e.shadowRoot).length`)).toBe(0);
  });

  it("the page's own pointer, mouse, keyboard and click events open no card and no tab", async () => {
    await page.mouse.move(1, 1);
    const point = (await mentionPoint(page, 'Jack Ma'))!;
    for (let i = 0; i < 4; i++) {
      await page.evaluate(`window.fake(${point.x + i}, ${point.y})`);
      await new Promise((r) => setTimeout(r, SETTLE_MS / 4));
    }
    expect(await cardState(page)).toBeNull();
    expect(await viewerTabs(eb)).toEqual([]);
  });

  it('with a card open, the page finds no extension URL, no card text and no data in anything it can read', async () => {
    await hoverText(page, 'Jack Ma');
    const card = await pollFor(() => cardState(page), legible);
    expect(card?.text).toContain(JACK_MA.description);
    const readable = (await page.evaluate('window.readable()')) as string;
    expect(readable).toContain('Yesterday Jack Ma visited Changsha.');
    for (const secret of ['moz-extension:', 'chrome-extension:', JACK_MA.description, 'mentions on this page', JACK_MA.id, bundled.id]) {
      expect(readable, secret).not.toContain(secret);
    }
    expect(await page.evaluate('window.taken.roots.length')).toBe(0);
  });

  it("the page's click() on everything it reaches opens no tab; the reader's clicks open at most the rate limit", async () => {
    await page.evaluate('window.clickEverything()');
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(await viewerTabs(eb)).toEqual([]);
    expect(legible(await cardState(page))).toBe(true);

    for (let i = 0; i < OPEN_SOURCE_RATE.count + 2; i++) {
      await page.bringToFront();
      await clickInCard(page, 'a.fl-excerpt');
    }
    expect((await pollFor(() => viewerTabs(eb), (t) => t.length >= OPEN_SOURCE_RATE.count)).length).toBe(OPEN_SOURCE_RATE.count);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(await viewerTabs(eb)).toHaveLength(OPEN_SOURCE_RATE.count);
    expect(errorsOn(eb.errors, 'card-attacks.html')).toEqual([]);
  });

  it('logs no errors from Factlens', () => {
    expect(eb.extensionErrors()).toEqual([]);
  });
});
