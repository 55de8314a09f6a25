import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import zhCN from '../../public/_locales/zh_CN/messages.json';
import { findBrowsers, firefoxHasLanguagePack } from '../../scripts/lib/find-browser';
import type { Dataset } from '../../src/dataset/schema';
import { roleTimeline } from '../../src/format/role-timeline';
import { viewerPath } from '../../src/viewer-link';
import { dateRangeWordsIn, messageIn } from '../unit/support/locale-messages';
import { chooseFile, showExtensionPage, until } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, type BrowserName, type ExtensionBrowser } from './harness';
import { cardText, highlightTexts, hoverMention, waitForCard } from './overlay-page';

/**
 * The reader's language: a browser whose UI is Simplified Chinese shows the
 * options page (a refused file's problems too), the popup and a card in
 * Chinese, dates included.
 *
 * Firefox takes the language from intl.locale.requested (the launcher sets
 * it) only where a zh-CN language pack is installed: Debian's
 * firefox-esr-l10n-zh-cn, which .ci/run installs. Without it Firefox stays
 * English, and its half of this file is skipped, saying why.
 */
const dataset = bundled as Dataset;
const jackMa = dataset.entities.find((e) => e.id === 'jack-ma')!;
const source = dataset.sources.find((s) => s.id === 'ma-visits-hunan')!;
const SCREENSHOT = resolve(import.meta.dirname, '../../docs/screenshots/card-zh.png');
const firefox = findBrowsers().find((b) => b.name === 'firefox');
const CAN_RUN = (name: BrowserName) => name === 'chromium' || (firefox !== undefined && firefoxHasLanguagePack(firefox.path, 'zh-CN'));
if (firefox && !CAN_RUN('firefox')) {
  console.warn(`locale-zh: Firefox skipped: ${firefox.path} has no zh-CN language pack (Debian: apt-get install firefox-esr-l10n-zh-cn)`);
}

describe.each(BROWSERS.filter(CAN_RUN))('%s: the pages and the card in Chinese (zh-CN)', (name) => {
  let eb: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    eb = await launchWithExtension(name, { lang: 'zh-CN' });
    page = await firstInstallPage(eb);
    await page.setViewport({ width: 1000, height: 760 });
    await page.waitForSelector(`[data-testid=datasets] tr[data-dataset="${bundled.id}"]`, { timeout: 20_000 });
  });
  afterAll(async () => {
    await eb?.close();
  });

  it('shows the options page in Chinese', async () => {
    expect(await page.evaluate(`[document.documentElement.lang, document.title, document.querySelector('h1').textContent]`)).toEqual([
      zhCN.locale.message,
      zhCN.optionsTitle.message,
      zhCN.optionsTitle.message,
    ]);
    const headings = await page.evaluate(`[...document.querySelectorAll('h2')].map((h) => h.textContent)`);
    expect(headings).toEqual([zhCN.sitesHeading.message, zhCN.appearanceHeading.message, zhCN.datasetsHeading.message]);
    expect(await page.evaluate(`document.querySelector('[data-testid=datasets] th').textContent`)).toBe(zhCN.datasetsColName.message);
  });

  it("says why a dataset file is refused in Chinese, the core's problems included", async () => {
    const entity = { id: 'twice', name: 'Twice Named', type: 'person', aliases: [{ text: 'Twice Named' }] };
    const file = { format: 'factlens-dataset/2', id: 'zh-refused', name: 'Refused', version: '1', entities: [entity, entity] };
    await chooseFile(page, '[data-testid=import-file]', 'refused.json', JSON.stringify(file));
    const shown = await until<string>(page, `document.querySelector('[data-testid=import-error]')?.textContent`);
    expect(shown).toContain(zhCN.importInvalid.message);
    expect(shown).toContain(messageIn(zhCN, 'problemDuplicateEntityId', [entity.id]));
  });

  it('shows the popup in Chinese', async () => {
    await showExtensionPage(eb, page, 'popup.html');
    await until(page, `document.querySelector('[data-testid=search]')?.placeholder === ${JSON.stringify(zhCN.popupSearchPlaceholder.message)}`);
    // The global switch shows once the settings have loaded.
    const text = await until<string>(page, `document.body.innerText.includes(${JSON.stringify(zhCN.popupOnEverywhere.message)}) && document.body.innerText`);
    expect(text).toContain(zhCN.popupCurrentSite.message);
  });

  it('shows a card in Chinese, its dates written the Chinese way', async () => {
    await showExtensionPage(eb, page, viewerPath({ dataset: bundled.id, source: source.id }).slice(1));
    const aliases = new Set(jackMa.aliases.map((a) => a.text));
    await expect.poll(async () => (await highlightTexts(page)).some((text) => aliases.has(text)), { timeout: 15_000 }).toBe(true);
    await hoverMention(page, (await highlightTexts(page)).find((text) => aliases.has(text))!);
    const card = await waitForCard(page, (t) => t?.includes(jackMa.name) === true);
    expect(card).toContain(zhCN.typePerson.message);
    expect(card).toContain(zhCN.cardRoles.message);
    expect(card).toContain(zhCN.cardInTheSources.message);
    // "2017年起", "2015年至2022年12月7日": the card's labels as the Chinese messages and Intl make them.
    const labels = roleTimeline({ roles: jackMa.roles, locale: 'zh-CN', words: dateRangeWordsIn(zhCN) })
      .map((row) => row.label)
      .filter((label) => label !== '');
    expect(labels.some((label) => label.endsWith('起'))).toBe(true);
    for (const label of labels) expect(card).toContain(label);
    expect(card).not.toMatch(/\b(since|until|Roles|Person)\b/);
    if (name === 'chromium') {
      mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }
    await page.keyboard.press('Escape');
    expect(await waitForCard(page, (t) => t === null)).toBeNull();
    expect(await cardText(page)).toBeNull();
  });

  it('logs no errors from Factlens', () => {
    expect(eb.extensionErrors()).toEqual([]);
  });
});
