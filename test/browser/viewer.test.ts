import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { inCardRoot } from '../../scripts/lib/card-root';
import { viewerPath } from '../../src/viewer-link';
import { showExtensionPage } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, type ExtensionBrowser } from './harness';

// The evidence quote that lies deepest in its source, so the viewer must scroll to show it.
const evidence = bundled.entities
  .flatMap((e) => e.roles.flatMap((r) => r.evidence))
  .reduce((a, b) => (b.start > a.start ? b : a));
const source = bundled.sources.find((s) => s.id === evidence.source)!;
const paragraphCount = source.text.split('\n').filter((line) => line.trim() !== '').length;

/** Polls a predicate in the page's current document (Firefox's BiDi keeps stale handles after an extension page navigates itself; see extension-page.ts). */
async function poll(page: Page, predicate: (arg: string) => boolean, arg: string, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    // Evaluating while the old document unloads may fail; the next round reads the new one.
    if (await page.evaluate(predicate, arg).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${predicate.toString()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const hasSelector = (selector: string) => document.querySelector(selector) !== null;

describe.each(BROWSERS)('%s: the source viewer', (name) => {
  let eb: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    eb = await launchWithExtension(name);
    page = await firstInstallPage(eb);
    // The options page answers once the background has seeded the store.
    await page.waitForSelector(`[data-testid=datasets] tr[data-dataset="${bundled.id}"]`, { timeout: 20_000 });
  });
  afterAll(async () => {
    await eb?.close();
  });

  it('is a page of its own, not exposed to web pages', () => {
    const dir = name === 'chromium' ? 'chrome-mv3' : 'firefox-mv2';
    const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, `../../.output/${dir}/manifest.json`), 'utf8')) as Record<string, unknown>;
    expect(JSON.stringify(manifest.web_accessible_resources ?? [])).not.toContain('viewer');
  });

  it('shows a bundled source with the linked excerpt marked and scrolled into view', async () => {
    const url = eb.origin + viewerPath({ dataset: bundled.id, source: source.id, start: evidence.start, end: evidence.end }).slice(1);
    await showExtensionPage(eb, page, url.slice(eb.origin.length));
    await poll(page, hasSelector, '[data-testid=excerpt]');

    const shown = await page.evaluate(() => {
      const mark = document.querySelector('[data-testid=excerpt]')!;
      const rect = mark.getBoundingClientRect();
      return {
        title: document.querySelector('[data-testid=viewer-title]')?.textContent,
        paragraphs: [...document.querySelectorAll('[data-testid=viewer-text] > p')].map((p) => ({
          start: Number(p.getAttribute('data-start')),
          text: p.textContent ?? '',
        })),
        marks: document.querySelectorAll('[data-testid=viewer-text] mark').length,
        excerpt: mark.textContent,
        excerptId: mark.id,
        inView: rect.top >= 0 && rect.bottom <= window.innerHeight,
        scrolled: window.scrollY > 0,
        alerts: document.querySelectorAll('[role=alert]').length,
      };
    });
    expect(shown.title).toBe(source.title);
    expect(shown.paragraphs).toHaveLength(paragraphCount);
    for (const p of shown.paragraphs) expect(source.text.slice(p.start, p.start + p.text.length)).toBe(p.text);
    expect(shown.excerpt).toBe(evidence.quote);
    expect(shown.excerpt).toBe(source.text.slice(evidence.start, evidence.end));
    expect(shown.excerptId).toBe('excerpt');
    expect(shown.marks).toBe(1);
    expect(shown.inView).toBe(true);
    expect(shown.scrolled).toBe(true);
    expect(shown.alerts).toBe(0);
  });

  it('highlights every dataset mention in the article and opens cards on them', async () => {
    const expected = new Set(
      bundled.entities.flatMap((e) => e.mentions.filter((m) => m.source === source.id).map((m) => `${m.start}:${m.end}`)),
    );
    const inText = () =>
      page.evaluate(() => {
        const text = document.querySelector('[data-testid=viewer-text]')!;
        const h = CSS.highlights.get('factlens-mention');
        if (!h) return [];
        return [...h]
          .filter((r) => text.contains(r.startContainer))
          .map((r) => {
            const p = r.startContainer.parentElement!.closest('p')!;
            const base = Number(p.getAttribute('data-start'));
            const before = document.createRange();
            before.setStart(p, 0);
            before.setEnd(r.startContainer, r.startOffset);
            const start = base + before.toString().length;
            const live = document.createRange();
            live.setStart(r.startContainer, r.startOffset);
            live.setEnd(r.endContainer, r.endOffset);
            return `${start}:${start + live.toString().length}`;
          });
      });
    // Only marks near the viewport are drawn (overlay/viewport-scope.ts): the reader pages through the
    // article, and every mention is drawn on the way, each where the dataset puts it.
    const deadline = Date.now() + 20_000;
    const found = new Set<string>();
    while (Date.now() < deadline && found.size < expected.size) {
      for (const span of await inText().catch(() => [])) found.add(span);
      await page.evaluate(() => {
        const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
        window.scrollTo(0, atEnd ? 0 : window.scrollY + window.innerHeight);
      });
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(found).toEqual(expected);

    const point = await page.evaluate(() => {
      const r = [...CSS.highlights.get('factlens-mention')!][0]!;
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      r.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const b = live.getClientRects()[0]!;
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    });
    await page.mouse.move(point.x - 30, point.y - 30);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await expect.poll(() => inCardRoot(page, `(root) => root.querySelector('[role=dialog]') !== null`), { timeout: 10_000 }).toBe(true);
  });

  it('shows the publication date, marked as inferred with its reason', async () => {
    const date = await page.evaluate(() => {
      const el = document.querySelector('[data-testid=viewer-date]');
      return { text: el?.textContent, title: el?.getAttribute('title') };
    });
    if (source.publishedInferred) {
      expect(date.text).toMatch(/^≈ .+ \(inferred\)$/);
      expect(date.title).toBe(source.publishedNote);
    }
    expect(date.text).toContain(source.published!.slice(0, 4));
  });

  it('says clearly when the source does not exist', async () => {
    await showExtensionPage(eb, page, viewerPath({ dataset: bundled.id, source: 'no-such-source' }).slice(1));
    await poll(page, hasSelector, '[role=alert]');
    expect(await page.evaluate(() => document.querySelector('[role=alert]')?.textContent)).toContain('no-such-source');
  });

  it('says clearly when the link names no source', async () => {
    await showExtensionPage(eb, page, 'viewer.html');
    await poll(page, hasSelector, '[role=alert]');
    expect(await page.evaluate(() => document.querySelector('[role=alert]')?.textContent)).toMatch(/does not name a source/);
  });

  it('logs no errors', () => {
    expect(eb.errors).toEqual([]);
  });
});
