import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import en from '../../public/_locales/en/messages.json';
import { inCardRoot } from '../../scripts/lib/card-root';
import type { Dataset } from '../../src/dataset/schema';
import { viewerPath } from '../../src/viewer-link';
import { showExtensionPage } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, type ExtensionBrowser } from './harness';
import { highlightTexts, hoverMention, scrollToText, waitForCard } from './overlay-page';

/**
 * Facts the audit of the articles corrected, as a reader meets them: on the
 * article's own mentions in the source viewer, through the real store and card.
 */
const dataset = bundled as Dataset;
const source = dataset.sources.find((s) => s.id === 'ma-visits-hunan')!;
const entity = (id: string) => dataset.entities.find((e) => e.id === id)!;
const program = entity('ma-yun-rural-teacher-student-program');
const summit = entity('internet-yuelu-summit');

/** The highlights once the first text holding `text` is scrolled into view: the viewer fills in its source after it loads. */
async function highlightsAt(page: Page, text: string): Promise<string[]> {
  await scrollToText(page, text);
  return highlightTexts(page);
}

describe.each(BROWSERS)('%s: corrected bundled facts on the card', (name) => {
  let eb: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    eb = await launchWithExtension(name);
    page = await firstInstallPage(eb);
    await page.waitForSelector(`[data-testid=datasets] tr[data-dataset="${bundled.id}"]`, { timeout: 20_000 });
    await showExtensionPage(eb, page, viewerPath({ dataset: bundled.id, source: source.id }).slice(1));
  });
  afterAll(async () => {
    await eb?.close();
  });

  it('names the article’s programme with its own Chinese name and description', async () => {
    await expect.poll(() => highlightsAt(page, program.name), { timeout: 15_000 }).toContain(program.name);
    await hoverMention(page, program.name);
    const card = await waitForCard(page, (t) => t?.includes(program.description!) === true);
    expect(card).toContain(program.name);
    expect(card).toContain(program.description);
    expect(card).toContain('马云乡村师范生计划');
    await page.keyboard.press('Escape');
    expect(await waitForCard(page, (t) => t === null)).toBeNull();
  });

  it('shows the Internet Yuelu Summit as an event', async () => {
    await expect.poll(() => highlightsAt(page, summit.name), { timeout: 15_000 }).toContain(summit.name);
    await hoverMention(page, summit.name);
    const card = await waitForCard(page, (t) => t?.includes(summit.description!) === true);
    expect(card).toContain(summit.name);
    expect(await inCardRoot(page, `(root) => root.querySelector('[role=dialog] .fl-type')?.textContent`)).toBe(en.typeEvent.message);
  });
});
