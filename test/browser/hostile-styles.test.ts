import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { BROWSERS, firstInstallPage, launchWithExtension, openPage, type ExtensionBrowser } from './harness';
import { cardState, errorsOn, highlightPainted, hoverText, legible, mentionTexts, pollFor } from './hostile-page';

const FIXTURES = resolve(import.meta.dirname, 'fixtures/hostile');
const EXPECTED = ['Alibaba', 'Changsha', 'Jack Ma'];
const WHITE = 'rgb(255, 255, 255)';

/** The highlights paint, and the card opens with its own styles applied and lies inside the viewport. */
async function expectPaintedAndStyled(page: Page): Promise<void> {
  expect(await highlightPainted(page, 'Alibaba')).toBe(true);
  await pollFor(() => mentionTexts(page), (t) => t.length === 3);
  await hoverText(page, 'Jack Ma');
  const card = await pollFor(() => cardState(page), legible);
  expect(card?.text).toContain('Jack Ma');
  expect(card).toMatchObject({ position: 'fixed', background: WHITE });
  expect(legible(card)).toBe(true);
}

/**
 * Hostile page styles and policies: a Content-Security-Policy of
 * default-src 'none', and `* { all: unset !important }`. The card's styles
 * must still apply inside its shadow root, and the highlights must paint.
 */
describe.each(BROWSERS)('%s: hostile page styles', (name) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let strict: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer({ dir: FIXTURES });
    strict = await startStaticServer({ dir: FIXTURES, headers: { 'content-security-policy': "default-src 'none'" } });
    eb = await launchWithExtension(name);
    await firstInstallPage(eb);
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
    await strict?.close();
  });

  it("strict CSP (default-src 'none'): highlights paint and the card is styled", async () => {
    const page = await openPage(eb, `${strict.url}strict-csp.html`);
    // The policy is in force: the page's own inline script was blocked.
    expect(await page.evaluate('window.scriptRan === undefined')).toBe(true);
    expect(await pollFor(() => mentionTexts(page), (t) => t.length === 3)).toEqual(EXPECTED);
    await expectPaintedAndStyled(page);
    expect(await page.evaluate(`document.querySelectorAll('style').length`)).toBe(0);
    // The policy blocking the page's own script and the browser's favicon request is all the page may log.
    const ours = errorsOn(eb.errors, 'strict-csp.html').filter((e) => !/inline script|script-src|favicon\.ico/i.test(e));
    expect(ours).toEqual([]);
    await page.close();
  });

  it('hostile CSS (* { all: unset !important }): highlights paint and the card keeps its look', async () => {
    const page = await openPage(eb, `${server.url}hostile-css.html`);
    expect(await pollFor(() => mentionTexts(page), (t) => t.length === 3)).toEqual(EXPECTED);
    await expectPaintedAndStyled(page);
    expect(await page.evaluate(`document.querySelectorAll('style').length`)).toBe(1);
    expect(errorsOn(eb.errors, 'hostile-css.html')).toEqual([]);
    await page.close();
  });

  it('logs no errors from Factlens', () => {
    expect(eb.extensionErrors()).toEqual([]);
  });
});
