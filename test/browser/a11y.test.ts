import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { inCardRoot } from '../../scripts/lib/card-root';
import { articlePath, demoSite, type DemoDataset } from '../../scripts/lib/demo-site';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { viewerPath } from '../../src/viewer-link';
import { showExtensionPage, until } from './extension-page';
import { BROWSERS, firstInstallPage, focusTab, launchWithExtension, openPage, type ExtensionBrowser } from './harness';
import { hoverMention, pressCardShortcut, waitForCard } from './overlay-page';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const dataset = bundled as unknown as DemoDataset & { sources: { id: string; text: string }[] };
/** The first article naming Jack Ma: a news-like page for the card's screenshots. */
const article = dataset.sources.find((s) => s.text.includes('Jack Ma') && s.text.includes('Alibaba'))!;
/** An evidence quote, for the viewer with an excerpt marked. */
const evidence = bundled.entities.find((e) => e.id === 'jack-ma')!.roles[0]!.evidence[0]!;

/**
 * The serious and critical violations axe-core finds in `context` (an
 * expression in the page, or a function of the card's closed root), colour
 * contrast included: every page is checked with its real CSS loaded.
 */
const AXE_RUN = (context: string) => `axe.run(${context}, { resultTypes: ['violations'] }).then((r) => r.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ') + ' ' + (n.failureSummary ?? '').replace(/\\s+/g, ' ')).join(' | ')))`;

/** axe-core goes in through the protocol, which extension pages' CSP does not govern. */
async function injectAxe(page: Page): Promise<void> {
  if (!(await page.evaluate(`typeof axe === 'object'`))) await page.evaluate(axe.source);
}
async function violations(page: Page): Promise<string[]> {
  await injectAxe(page);
  return (await page.evaluate(AXE_RUN('document'))) as string[];
}
/**
 * The card sits in a closed shadow root, which axe cannot enter. The test
 * reaches the root as devtools do (scripts/lib/card-root.ts) and copies what it holds,
 * the card's markup and the same inlined CSS, into an open root laid over
 * the page at the same place, where axe checks it; then removes the copy.
 */
async function cardViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  return (
    (await inCardRoot<string[]>(
      page,
      `(root) => {
        const host = document.createElement('div');
        host.id = 'axe-card-copy';
        const open = host.attachShadow({ mode: 'open' });
        for (const node of root.childNodes) open.append(node.cloneNode(true));
        document.documentElement.append(host);
        return ${AXE_RUN(`{ include: [['#axe-card-copy', '.fl-frame']] }`)}.finally(() => host.remove());
      }`,
    )) ?? ['no card']
  );
}

const SCHEMES = ['light', 'dark'] as const;

describe.each(BROWSERS.flatMap((b) => SCHEMES.map((s) => [b, s] as const)))('%s, %s: accessibility', (name, scheme) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let page: Page;
  const shots = name === 'chromium';

  /** Chromium emulates the scheme per page; Firefox's BiDi cannot, so Firefox starts in it. */
  async function inScheme(p: Page): Promise<void> {
    if (name === 'chromium') await p.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startStaticServer({ files: demoSite({ dataset }) });
    // 0: dark, 1: light, for web pages and extension pages alike.
    eb = await launchWithExtension(name, { firefoxPrefs: { 'layout.css.prefers-color-scheme.content-override': scheme === 'dark' ? 0 : 1 } });
    page = await firstInstallPage(eb);
    await inScheme(page);
    await page.waitForSelector(`[data-testid=datasets] tr[data-dataset="${bundled.id}"]`, { timeout: 20_000 });
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('the options page', async () => {
    expect(await page.evaluate(`matchMedia('(prefers-color-scheme: ${scheme})').matches`)).toBe(true);
    expect(await violations(page)).toEqual([]);
  });

  it('the popup, searching and showing a card in its detail view', async () => {
    await showExtensionPage(eb, page, 'popup.html');
    await until(page, `document.activeElement?.getAttribute('data-testid') === 'search'`);
    await page.keyboard.type('jack ma');
    await until(page, `document.querySelector('[data-testid=result][aria-selected=true]')?.textContent.includes('Jack Ma')`);
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await until(page, `document.querySelector('[data-testid=detail] .fl-name')?.textContent === 'Jack Ma'`);
    expect(await violations(page)).toEqual([]);
  });

  it('the viewer, with an excerpt marked', async () => {
    await showExtensionPage(eb, page, viewerPath({ dataset: bundled.id, source: evidence.source, start: evidence.start, end: evidence.end }).slice(1));
    await until(page, `document.querySelector('[data-testid=excerpt]') !== null && (CSS.highlights.get('factlens-mention')?.size ?? 0) > 0`);
    expect(await violations(page)).toEqual([]);
    if (shots && scheme === 'light') {
      await page.setViewport({ width: 900, height: 700 });
      await page.screenshot({ path: resolve(SCREENSHOTS, 'viewer-excerpt.png') });
    }
  });

  describe('a card on a news page', () => {
    let news: Page;
    beforeAll(async () => {
      news = await openPage(eb, new URL(articlePath(article.id), server.url).href);
      await inScheme(news);
      await news.setViewport({ width: 1000, height: 720 });
      await until(news, `(CSS.highlights.get('factlens-mention')?.size ?? 0) > 3`);
    });

    it('opened by the pointer', async () => {
      await hoverMention(news, 'Alibaba');
      expect(await waitForCard(news, (t) => t?.includes('Alibaba') ?? false)).toContain('Alibaba');
      expect(await cardViolations(news)).toEqual([]);
      if (shots) await news.screenshot({ path: resolve(SCREENSHOTS, `card-${scheme}.png`) });
      await news.keyboard.press('Escape');
      await expect.poll(() => waitForCard(news, (t) => t === null, 100)).toBeNull();
    });

    it('opened from the keyboard: announced as a dialog named for the entity, and focus goes back on Esc', async () => {
      // The reader was on a link of the page, then selected a name and asked for its card.
      // Keys go to the tab with the focus, which the first-install options tab may have taken.
      // A fresh page: in Firefox, after a pointer-opened card was closed with Esc, the shortcut at times opened nothing (not yet explained; README, Known limits).
      await news.reload({ waitUntil: 'load' });
      await until(news, `CSS.highlights.get('factlens-mention')?.size > 0`);
      await focusTab(news);
      await news.mouse.move(5, 5);
      // No card is open: only the keyboard opens the next one.
      expect(await waitForCard(news, (t) => t === null)).toBeNull();
      const onLink = (await news.evaluate(`(() => {
        const link = document.querySelector('article a[href], main a[href], a[href]');
        link.setAttribute('data-test-return', '');
        link.focus();
        const r = [...CSS.highlights.get('factlens-mention')].find((s) => s.startContainer === s.endContainer && s.startContainer.data.slice(s.startOffset, s.endOffset) === 'Alibaba');
        getSelection().setBaseAndExtent(r.startContainer, r.startOffset + 1, r.startContainer, r.startOffset + 1);
        return document.activeElement === link;
      })()`)) as boolean;
      expect(onLink).toBe(true);
      await pressCardShortcut(news);
      expect(await waitForCard(news, (t) => t?.includes('Alibaba') ?? false)).toContain('Alibaba');
      const focused = await waitForFocusedDialog(news);
      expect(focused).toBe('dialog: Alibaba Group');
      if (name === 'chromium') {
        const tree = await news.accessibility.snapshot();
        const found: { role: string; name?: string; focused?: boolean }[] = [];
        const walk = (n: typeof tree) => {
          if (!n) return;
          if (n.focused) found.push({ role: n.role, name: n.name, focused: true });
          n.children?.forEach(walk);
        };
        walk(tree);
        expect(found).toEqual([{ role: 'dialog', name: 'Alibaba Group', focused: true }]);
      }
      await news.keyboard.press('Escape');
      await until(news, `document.activeElement?.hasAttribute('data-test-return') === true`, 5000);
      expect(await inCardRoot<boolean>(news, `(root) => !!root.querySelector('[role=dialog]')`)).toBe(false);
    });

    it('highlights stay visible in forced colours (Windows High Contrast)', async (ctx) => {
      if (name !== 'chromium') ctx.skip();
      // puppeteer's emulateMediaFeatures does not know forced-colors; the protocol does.
      const cdp = await news.createCDPSession();
      await cdp.send('Emulation.setEmulatedMedia', {
        features: [
          { name: 'prefers-color-scheme', value: scheme },
          { name: 'forced-colors', value: 'active' },
        ],
      });
      // The mention's box, in a paragraph rather than a link: links take a colour of their own in forced colours.
      const box = (await news.evaluate(`(() => {
        const r = [...CSS.highlights.get('factlens-mention')]
          .map((s) => { const x = document.createRange(); x.setStart(s.startContainer, s.startOffset); x.setEnd(s.endContainer, s.endOffset); return x; })
          .find((x) => !x.startContainer.parentElement.closest('a') && x.toString().length > 5);
        r.startContainer.parentElement.scrollIntoView({ block: 'center' });
        const b = r.getClientRects()[0];
        return { x: b.left, y: b.top, width: b.width, height: b.height };
      })()`)) as { x: number; y: number; width: number; height: number };
      const png = Buffer.from(await news.screenshot({ clip: box })).toString('base64');
      // Forced colours paint the page in two system colours and their greys: anything coloured is the highlight.
      const coloured = (await news.evaluate(`(async () => {
        const img = new Image();
        img.src = 'data:image/png;base64,${png}';
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width; c.height = img.height;
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 40) n++;
        return n / (d.length / 4);
      })()`)) as number;
      expect(coloured).toBeGreaterThan(0.2);
      if (shots) await news.screenshot({ path: resolve(SCREENSHOTS, `forced-colors-${scheme}.png`), clip: { x: 0, y: Math.max(0, box.y - 80), width: 1000, height: 200 } });
      await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
      await cdp.detach();
    });
  });

  it('logs no errors', () => {
    expect(eb.extensionErrors()).toEqual([]);
  });
});

/** "role: name" of what has focus inside the card's root, once something there has it. */
async function waitForFocusedDialog(page: Page): Promise<string | null> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const got = await inCardRoot<string | null>(
      page,
      `(root) => {
        const el = root.activeElement;
        if (!el) return null;
        const label = root.getElementById(el.getAttribute('aria-labelledby') ?? '');
        return el.getAttribute('role') + ': ' + (label?.textContent ?? '');
      }`,
    );
    if (got) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}
