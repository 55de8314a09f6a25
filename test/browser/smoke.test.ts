import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { describeVersion } from '../../src/dataset/version';
import { LOCALES, versionWordsIn } from '../unit/support/locale-messages';
import { BROWSERS, firstInstallPage, launchWithExtension, type ExtensionBrowser } from './harness';

const ROW = `[data-testid=datasets] tr[data-dataset="${bundled.id}"]`;

async function bundledRow(page: Page): Promise<{ entities: string | null; text: string; versionTitle: string | null }> {
  await page.waitForSelector(ROW, { timeout: 20_000 });
  return page.$eval(ROW, (row) => ({
    entities: row.getAttribute('data-entities'),
    text: row.textContent ?? '',
    versionTitle: row.querySelector('.version [title]')?.getAttribute('title') ?? null,
  }));
}

describe.each(BROWSERS)('%s: the built extension', (name) => {
  let eb: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    eb = await launchWithExtension(name);
    page = await firstInstallPage(eb);
  });
  afterAll(async () => {
    await eb?.close();
  });

  it('opens its options page on first install, showing the seeded bundled dataset', async () => {
    const row = await bundledRow(page);
    expect(row.entities).toBe(String(bundled.entities.length));
    expect(row.text).toContain(bundled.name);
    // In the browser's language, as the page writes it.
    const version = describeVersion(bundled.version, versionWordsIn(LOCALES.en!, (await page.evaluate('navigator.language')) as string));
    expect(row.text).toContain(version.label);
    expect(row.versionTitle).toBe(version.title);
  });

  it.runIf(name === 'chromium')('loses nothing when its service worker is stopped and restarted', async () => {
    const isWorker = (t: { type(): string; url(): string }) => t.type() === 'service_worker' && t.url().startsWith(eb.origin);
    const scanned = () => page.evaluate(`chrome.runtime.sendMessage({ type: 'scanTexts', texts: ['Yesterday Jack Ma visited Alibaba.'] })`);
    const before = await scanned();
    // The automaton the worker stored, as Chromium's IndexedDB gives it back: its arrays in one Blob (src/matcher/packed.ts, stored-derivation.ts).
    const storedBuffer = `new Promise((done) => { const open = indexedDB.open('factlens'); open.onsuccess = () => {
      const all = open.result.transaction('caches').objectStore('caches').getAll();
      all.onsuccess = () => { const row = all.result.find((r) => r.name.startsWith('matcher:')); open.result.close(); done(row ? row.value.dictionary.buffer instanceof Blob : null); };
    }; })`;
    await expect.poll(() => page.evaluate(storedBuffer), { timeout: 20_000 }).toBe(true);
    const worker = await eb.browser.waitForTarget(isWorker);
    const cdp = await eb.browser.target().createCDPSession();
    await cdp.send('Target.closeTarget', { targetId: (worker as unknown as { _targetId: string })._targetId });
    await expect.poll(() => eb.browser.targets().some(isWorker), { timeout: 10_000 }).toBe(false);

    await page.reload();
    const row = await bundledRow(page);
    expect(row.entities).toBe(String(bundled.entities.length));
    expect(eb.browser.targets().some(isWorker)).toBe(true);
    // The restarted worker answers from the stored automaton with the same matches.
    expect(await scanned()).toEqual(before);
    expect(JSON.stringify(before)).toContain('"start":10');
  });

  it('logs no errors', () => {
    expect(eb.errors).toEqual([]);
  });
});
