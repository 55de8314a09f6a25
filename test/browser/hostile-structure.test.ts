import { resolve } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { BROWSERS, firstInstallPage, launchWithExtension, openPage, type ExtensionBrowser } from './harness';
import { cardState, errorsOn, highlightPainted, legible, mentionPoint, mentionTexts, pollFor } from './hostile-page';

const FIXTURES = resolve(import.meta.dirname, 'fixtures/hostile');

/** Rests the pointer on a point, coming from outside it. */
async function hoverAt(page: Page, point: { x: number; y: number } | null): Promise<void> {
  if (!point) throw new Error('nothing to hover');
  await page.mouse.move(1, 1);
  await page.mouse.move(point.x, point.y, { steps: 4 });
}

function frameAt(page: Page, id: string): Promise<Frame | null> {
  return pollFor(async () => (await page.$(`#${id}`))?.contentFrame() ?? null, (f) => f !== null);
}

/**
 * Hostile page structure: shadow roots nested 20 deep, same-origin,
 * cross-origin and sandboxed frames, and text in SVG, MathML and
 * right-to-left scripts.
 */
describe.each(BROWSERS)('%s: hostile page structure', (name) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let other: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer({ dir: FIXTURES });
    // Another port is another origin.
    other = await startStaticServer({ dir: FIXTURES });
    eb = await launchWithExtension(name);
    await firstInstallPage(eb);
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
    await other?.close();
  });

  it('shadow roots nested 20 deep: names at every depth are highlighted, and the deepest opens the card', async () => {
    const page = await openPage(eb, `${server.url}nested-shadow.html`);
    expect(await pollFor(() => mentionTexts(page), (t) => t.length === 3)).toEqual(['Alibaba', 'Ant Group', 'Jack Ma']);
    // Styled in each shadow root by an adopted sheet, since document CSS does not reach in.
    expect(await highlightPainted(page, 'Jack Ma')).toBe(true);
    await pollFor(() => mentionTexts(page), (t) => t.length === 3);
    await hoverAt(page, await mentionPoint(page, 'Jack Ma'));
    const card = await pollFor(() => cardState(page), legible);
    expect(card?.text).toContain('Jack Ma');
    expect(errorsOn(eb.errors, 'nested-shadow.html')).toEqual([]);
    await page.close();
  });

  it('frames: same-origin and cross-origin frames are highlighted; sandboxed frames cause no error', async () => {
    const page = await openPage(eb, `${server.url}frames.html?other=${encodeURIComponent(other.url)}`);
    const sandboxed = (await frameAt(page, 'sandboxed'))!;
    const srcdoc = (await frameAt(page, 'srcdoc'))!;
    expect(await pollFor(() => mentionTexts(page), (t) => t.length === 1)).toEqual(['Alibaba']);
    const same = (await frameAt(page, 'same'))!;
    const cross = (await frameAt(page, 'cross'))!;
    expect(new URL(cross.url()).origin).not.toBe(new URL(page.url()).origin);
    for (const frame of [same, cross]) {
      expect(await pollFor(() => mentionTexts(frame), (t) => t.length === 2)).toEqual(['Alibaba Group', 'Jack Ma']);
    }
    // A sandbox without allow-scripts stops the page's scripts, not content
    // scripts: the frame is highlighted. An about:srcdoc frame matches none of
    // the manifest's http(s) patterns, so Factlens stands aside there.
    expect(await pollFor(() => mentionTexts(sandboxed), (t) => t.length === 2)).toEqual(['Alibaba Group', 'Jack Ma']);
    expect(await mentionTexts(srcdoc)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(errorsOn(eb.errors, 'frame')).toEqual([]);
    await page.close();
  });

  it('SVG, MathML and right-to-left text: highlighted, and each opens its card on screen', async () => {
    const page = await openPage(eb, `${server.url}other-text.html`);
    const expected = ['Alibaba', 'Ant Group', 'Daniel Zhang', 'Jack Ma'];
    expect(await pollFor(() => mentionTexts(page), (t) => t.length === 4)).toEqual(expected);
    // Both browsers paint highlights in SVG and MathML text too.
    for (const text of expected) {
      await pollFor(() => mentionTexts(page), (t) => t.length === 4);
      expect(await highlightPainted(page, text), text).toBe(true);
    }
    await pollFor(() => mentionTexts(page), (t) => t.length === 4);
    // Arabic and Hebrew (right to left, one near the right edge), SVG <text>, MathML <mtext>.
    for (const text of ['Daniel Zhang', 'Ant Group', 'Jack Ma', 'Alibaba']) {
      await hoverAt(page, await mentionPoint(page, text));
      const card = await pollFor(() => cardState(page), (c) => legible(c) && (c?.text.includes(text) ?? false));
      expect(card?.text).toContain(text);
      expect(legible(card)).toBe(true);
    }
    expect(errorsOn(eb.errors, 'other-text.html')).toEqual([]);
    await page.close();
  });

  it('logs no errors from Factlens', () => {
    expect(eb.extensionErrors()).toEqual([]);
  });
});
