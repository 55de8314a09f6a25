import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainThread } from '../../bench/page-browser';
import type { StaticServer } from '../../scripts/lib/static-server';
import { untilPageInfo } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, openPage, type ExtensionBrowser } from './harness';
import { cardState, errorsOn, hoverText, legible, mentionTexts, pollFor } from './hostile-page';
import { serveOnAndOff } from './overlay-page';

const ROWS = 15_000;

/** About 105,000 nodes: seven per row, with a name at the top, the middle and the end. */
function hugePage(): string {
  const rows: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const words = i === ROWS / 2 ? 'Alibaba said little' : i === ROWS - 1 ? 'Daniel Zhang closed' : 'filler';
    rows.push(`<div class="row"><span>Row ${i}</span> <b>${words}</b> text.</div>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Huge DOM</title></head>
<body><p id="first">Jack Ma opened the page.</p>${rows.join('\n')}
<script>
  // The page's own heartbeat: the longest gap between 10 ms ticks shows how long its main thread was held.
  window.beat = { maxGap: 0, ticks: 0 };
  addEventListener('load', () => {
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      window.beat.maxGap = Math.max(window.beat.maxGap, now - last);
      window.beat.ticks++;
      last = now;
    }, 10);
  });
</script></body></html>`;
}

/** Main-thread time of a Chromium page (CDP Performance.getMetrics), in seconds since this call. */
async function mainThreadMeter(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const start = await mainThread(cdp);
  return async () => ((await mainThread(cdp)).task - start.task) / 1000;
}

/**
 * Hostile page size and churn: 100,000 nodes, and text that changes every
 * 10 ms for 10 s. Each runs with Factlens on and, on a second server (another
 * host), with the site turned off, so the page's own cost is the baseline.
 */
describe.each(BROWSERS)('%s: hostile page load', (name) => {
  let eb: ExtensionBrowser;
  let on: StaticServer;
  let off: StaticServer;
  let servers: Awaited<ReturnType<typeof serveOnAndOff>> | undefined;
  let extensionPage: Page;

  beforeAll(async () => {
    eb = await launchWithExtension(name);
    const files = new Map([['/huge.html', hugePage()]]);
    extensionPage = await firstInstallPage(eb);
    servers = await serveOnAndOff(extensionPage, { files, dir: resolve(import.meta.dirname, 'fixtures/hostile') });
    ({ on, off } = servers);
  });
  afterAll(async () => {
    await eb?.close();
    await servers?.close();
  });

  it('huge DOM (100,000 nodes): every name is found, and drawn once scrolled to, while the page keeps its heartbeat', async () => {
    /** The page's longest timer gap in its first seconds, with Factlens off. */
    const quietGap = async () => {
      const baseline = await openPage(eb, `${off.url}huge.html`);
      expect(await baseline.evaluate(`document.getElementsByTagName('*').length + document.evaluate('count(//text())', document, null, 1, null).numberValue`)).toBeGreaterThan(100_000);
      await new Promise((r) => setTimeout(r, 4000));
      const { maxGap } = (await baseline.evaluate('({ ...window.beat })')) as { maxGap: number };
      await baseline.close();
      return maxGap;
    };
    /** The page with Factlens on, once it has found every name, and its longest timer gap until then. */
    const loaded = async () => {
      const page = await openPage(eb, `${on.url}huge.html`);
      const started = Date.now();
      // All three, as the popup's "On this page" counts them; only marks near the viewport are drawn (overlay/viewport-scope.ts).
      await untilPageInfo(extensionPage, new URL(on.url).host, `info.entities.length === 3 && info.entities.every((e) => e.count === 1)`, 30_000);
      const took = Date.now() - started;
      const { maxGap } = (await page.evaluate('({ ...window.beat })')) as { maxGap: number };
      return { page, took, maxGap };
    };
    // Factlens works in slices that yield to the page's own tasks: the page's
    // timer is never held much longer than with Factlens off. (Yielding with
    // scheduler.yield() held it 0.7 s in Chromium and 1.8 s in Firefox.) A
    // loaded machine stalls a page at random, so each is measured up to three
    // times: a stall Factlens causes shows every time.
    let quiet = 0;
    let tried: Awaited<ReturnType<typeof loaded>> | undefined;
    for (let attempt = 0; attempt < 3 && (tried === undefined || tried.maxGap >= quiet + 150); attempt++) {
      await tried?.page.close();
      quiet = await quietGap();
      tried = await loaded();
      console.info(`${name} huge DOM: every name found after ${tried.took} ms; longest page gap ${tried.maxGap.toFixed(0)} ms on, ${quiet.toFixed(0)} ms off`);
    }
    const { page, maxGap } = tried!;
    expect(maxGap).toBeLessThan(quiet + 150);
    expect(await pollFor(() => mentionTexts(page), (t) => t.length > 0)).toEqual(['Jack Ma']);
    await page.evaluate(`document.querySelector('.row:last-of-type').scrollIntoView({ block: 'center' })`);
    expect(await pollFor(() => mentionTexts(page), (t) => t.includes('Daniel Zhang'))).toEqual(['Daniel Zhang']);
    await hoverText(page, 'Daniel Zhang');
    const card = await pollFor(() => cardState(page), legible);
    expect(card?.text).toContain('Daniel Zhang');
    expect(errorsOn(eb.errors, 'huge.html')).toEqual([]);
    await page.close();
  }, 240_000);

  it('runaway mutation (every 10 ms for 10 s): rescans are coalesced, the page keeps its pace, and the final text is right', async () => {
    const run = async (server: StaticServer) => {
      const page = await openPage(eb, `${server.url}runaway.html`);
      // CDP is Chromium's; in Firefox the page's own pace and the rescan count stand for CPU.
      const meter = name === 'chromium' ? await mainThreadMeter(page) : null;
      await pollFor(() => page.evaluate('window.run.done'), Boolean, 30_000);
      const cpu = meter ? await meter() : null;
      const counts = (await page.evaluate('({ ...window.run })')) as { ticks: number; generations: number };
      return { page, counts, cpu };
    };
    const quiet = await run(off);
    await quiet.page.close();
    const busy = await run(on);
    console.info(`${name} runaway: ${busy.counts.generations} rescans seen in ${busy.counts.ticks} ticks (off: ${quiet.counts.ticks} ticks); main thread ${busy.cpu?.toFixed(2)} s on, ${quiet.cpu?.toFixed(2)} s off`);

    // A rescan per mutation would be ~1000; coalescing to one per 200 ms gives at most ~50.
    expect(busy.counts.generations).toBeGreaterThanOrEqual(5);
    expect(busy.counts.generations).toBeLessThanOrEqual(80);
    expect(busy.counts.ticks).toBeGreaterThan(quiet.counts.ticks * 0.8);
    if (busy.cpu !== null && quiet.cpu !== null) {
      // Factlens's share of a core over the 10 s, on a shared two-core machine.
      expect(busy.cpu - quiet.cpu).toBeLessThan(1.5);
    }
    expect(await pollFor(() => mentionTexts(busy.page), (t) => t.includes('Ant Group'))).toEqual(['Alibaba', 'Ant Group']);
    expect(errorsOn(eb.errors, 'runaway.html')).toEqual([]);
    await busy.page.close();
  }, 90_000);

  it('logs no errors from Factlens', () => {
    expect(eb.extensionErrors()).toEqual([]);
  });
});
