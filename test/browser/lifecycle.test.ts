import { resolve } from 'node:path';
import type { Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { syntheticDataset } from '../../scripts/lib/synthetic-dataset';
import { chooseFile, datasetsListed, importFile, until } from './extension-page';
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
    await datasetsListed(options);
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
      old.evaluate(`JSON.stringify({ highlights: ${highlightCount}, hosts: document.documentElement.children.length - 2 })`) as Promise<string>;
    // Chromium orphans the old script and injects no new one into open tabs:
    // the old one must take its highlights and card away. Firefox tears the
    // old one down and injects the new one, which must clear the old card and
    // highlight the page again, including text added after the reload.
    if (name === 'chromium') {
      await expect.poll(async () => JSON.parse(await state()) as unknown, { timeout: 10_000 }).toEqual({ highlights: 0, hosts: 0 });
      return;
    }
    // Only the new script's host is left.
    await expect.poll(async () => (JSON.parse(await state()) as { hosts: number }).hosts, { timeout: 10_000 }).toBe(1);
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
    if (name === 'chromium') expect(await old.evaluate(`document.documentElement.children.length - 2`)).toBe(0);
  });

  it('logs no errors, on the old page or anywhere else', () => {
    expect(eb.errors).toEqual([]);
  });
});

/**
 * The raw store, read from an extension page (same origin as the worker):
 * each dataset's generation and entity count, and how many entities every
 * generation's rows hold. Rows of a generation no dataset points to are half an import.
 */
const STORE_STATE = `(async () => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('factlens'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const ask = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const tx = db.transaction(['datasets', 'entityBlocks']);
  const datasets = await ask(tx.objectStore('datasets').getAll());
  const blocks = await ask(tx.objectStore('entityBlocks').getAll());
  db.close();
  const rows = {};
  for (const b of blocks) rows[b.gen] = (rows[b.gen] ?? 0) + b.entities.length;
  return JSON.stringify({ datasets: datasets.map((d) => ({ id: d.id, generation: d.generation, entities: d.entityCount })).sort((a, b) => a.id.localeCompare(b.id)), rows });
})()`;

interface StoreState {
  datasets: { id: string; generation: string; entities: number }[];
  rows: Record<string, number>;
}

// Firefox's MV2 event page has no switch to stop it from outside (see smoke.test.ts).
describe.runIf(BROWSERS.includes('chromium'))('chromium: the service worker stopped mid-import', () => {
  // Large enough that the import is still running when the worker is stopped: it writes 50 chunks.
  const dataset = syntheticDataset({ count: 100_000, id: 'interrupted' });
  let eb: ExtensionBrowser;
  let options: Page;

  beforeAll(async () => {
    eb = await launchWithExtension('chromium');
    options = await firstInstallPage(eb);
    await datasetsListed(options);
  });
  afterAll(async () => {
    await eb?.close();
  });

  it('leaves the old datasets and no rows of the cut-off import', async () => {
    const before = JSON.parse(await until<string>(options, STORE_STATE)) as StoreState;
    await chooseFile(options, '[data-testid=import-file]', 'interrupted.json', JSON.stringify(dataset));
    // Some chunks are written, not all: the import is half done.
    const written = await until<number>(options, `(() => { const p = document.querySelector('[data-testid=import-progress]'); return p && p.value > 0 && p.value < p.max ? p.value : 0; })()`, 60_000);
    const isWorker = (t: Target) => t.type() === 'service_worker' && t.url().startsWith(eb.origin);
    const worker = eb.browser.targets().find(isWorker)!;
    const cdp = await eb.browser.target().createCDPSession();
    await cdp.send('Target.closeTarget', { targetId: (worker as unknown as { _targetId: string })._targetId });

    const shown = await until<string>(options, `document.querySelector('[data-testid=import-error]')?.textContent`, 30_000);
    expect(shown).toMatch(/^Import failed: .*Nothing was changed\.$/);
    expect(written).toBeLessThan(dataset.entities.length);

    // The restarted worker has cleaned up by the time it answers.
    const answer = await options.evaluate(`chrome.runtime.sendMessage({ type: 'getEntities', refs: [{ dataset: 'interrupted', id: ${JSON.stringify(dataset.entities[0]!.id)} }] })`);
    expect(answer).toEqual({ ok: true, value: [null] });
    const after = JSON.parse(await until<string>(options, STORE_STATE)) as StoreState;
    expect(after.datasets).toEqual(before.datasets);
    expect(after.rows).toEqual(before.rows);
    expect(Object.keys(after.rows).sort()).toEqual(after.datasets.map((d) => d.generation).sort());
  }, 120_000);

  it('then imports the same file in full', async () => {
    expect(await importFile(options, 'interrupted.json', JSON.stringify(dataset), 90_000)).toMatch(/100,000 entities/);
    const after = JSON.parse(await until<string>(options, STORE_STATE)) as StoreState;
    const imported = after.datasets.find((d) => d.id === 'interrupted')!;
    expect(after.rows[imported.generation]).toBe(dataset.entities.length);
  }, 120_000);

  it('logs no errors', () => {
    expect(eb.errors).toEqual([]);
  });
});
