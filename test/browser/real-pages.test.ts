import { readdirSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_PAGE_SCRIPTS, REAL_PAGES_DIR } from '../../scripts/lib/real-pages';
import type { StaticServer } from '../../scripts/lib/static-server';
import { BROWSERS, firstInstallPage, launchWithExtension, watchErrors, type ExtensionBrowser } from './harness';
import { highlightTexts, serveOnAndOff } from './overlay-page';

const PAGES = readdirSync(REAL_PAGES_DIR).filter((n) => n.endsWith('.html'));

// Page scripts are blocked so that the DOM is the parsed HTML and nothing else:
// any difference between the two loads is then Factlens's doing. Loads from
// the pages' original hosts are blocked too: offline, each would otherwise
// wait for a DNS failure. Extension content scripts and their CSS are not
// subject to the page's CSP.

/** The document as markup, with the card's host (the one element Factlens may add) taken out. */
function snapshot(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const clone = document.documentElement.cloneNode(true);
    // The parser never puts a <div> straight under <html>: that is the host.
    for (const host of clone.querySelectorAll(':scope > div')) host.remove();
    return clone.outerHTML;
  })()`) as Promise<string>;
}

/** Highlights whose neighbouring characters are letters or digits, i.e. inside a longer word. */
function highlightsInsideWords(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const h = CSS.highlights.get('factlens-mention');
    if (!h) return [];
    const word = /[\\p{L}\\p{N}]/u;
    const cjk = /[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}]/u;
    const near = (node, offset, dir) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      walker.currentNode = node;
      let text = node.data;
      let i = dir < 0 ? offset - 1 : offset;
      while (i < 0 || i >= text.length) {
        const next = dir < 0 ? walker.previousNode() : walker.nextNode();
        if (!next) return '';
        text = next.data;
        i = dir < 0 ? text.length - 1 : 0;
      }
      return text[i];
    };
    const bad = [];
    for (const r of h) {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      const text = live.toString();
      const before = near(r.startContainer, r.startOffset, -1);
      const after = near(r.endContainer, r.endOffset, 1);
      const first = text[0], last = text[text.length - 1];
      if ((word.test(before) && !cjk.test(first) && !cjk.test(before)) || (word.test(after) && !cjk.test(last) && !cjk.test(after))) {
        bad.push(before + '[' + text + ']' + after);
      }
    }
    return bad;
  })()`) as Promise<string[]>;
}

/**
 * A window this tall puts most of each page near the viewport, where marks
 * are registered (overlay/viewport-scope.ts), so the checks above read them.
 */
const TALL = { width: 1280, height: 8000 };

async function load(eb: ExtensionBrowser, url: string): Promise<Page> {
  const page = await eb.browser.newPage();
  await page.setViewport(TALL);
  watchErrors(eb, page);
  // Saved pages link to their original hosts; with no network those loads fail, as offline.
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => {});
  return page;
}

/** Waits until the highlights stop changing (the first scan and any rescans are done). */
async function settle(page: Page): Promise<string[]> {
  let last = '';
  let stableSince = Date.now();
  const deadline = Date.now() + 15_000;
  for (;;) {
    const now = JSON.stringify(await highlightTexts(page));
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
    if (Date.now() - stableSince > 1500 || Date.now() > deadline) return JSON.parse(now) as string[];
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.each(BROWSERS)('%s: real web pages', (name) => {
  let eb: ExtensionBrowser;
  let on: StaticServer;
  let off: StaticServer;
  let servers: Awaited<ReturnType<typeof serveOnAndOff>> | undefined;

  beforeAll(async () => {
    eb = await launchWithExtension(name);
    servers = await serveOnAndOff(await firstInstallPage(eb), { dir: REAL_PAGES_DIR, headers: NO_PAGE_SCRIPTS });
    ({ on, off } = servers);
  });
  afterAll(async () => {
    await eb?.close();
    await servers?.close();
  });

  it.each(PAGES)('%s: DOM unchanged, no highlight inside a word, no extension error', async (file) => {
    const before = eb.extensionErrors().length;
    const baseline = await load(eb, `${off.url}${file}`);
    const expected = await snapshot(baseline);
    await baseline.close();

    const page = await load(eb, `${on.url}${file}`);
    await settle(page);
    expect(await snapshot(page)).toBe(expected);
    expect(await highlightsInsideWords(page)).toEqual([]);
    expect(eb.extensionErrors().slice(before)).toEqual([]);
    await page.close();
  });

  it('finds what the pages name, and not what they do not', async () => {
    const nytimes = await load(eb, `${on.url}nytimes-2.html`);
    expect(await settle(nytimes)).toContain('Alibaba');
    await nytimes.close();
    const telegraph = await load(eb, `${on.url}telegraph.html`);
    const found = await settle(telegraph);
    expect(await telegraph.evaluate(`document.body.textContent.includes('Jack Maynard')`)).toBe(true);
    expect(found.filter((t) => /^jack ma$/i.test(t))).toEqual([]);
    await telegraph.close();
  });
});
