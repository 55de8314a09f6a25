/**
 * What painting private marks costs real pages, against the highlight
 * registry: each page is loaded with the bundled dataset public, then
 * private, then with Factlens off, and scrolled through in steps of most of
 * a screen, waiting two frames each. Main-thread time (CDP) over the scroll
 * is compared within one run. Chromium, built extension (.output/chrome-mv3).
 *
 * A section of `npm run bench` (bench/run.ts), which writes its table into
 * bench/RESULTS.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { firstInstallPage, launchWithExtension } from '../scripts/lib/launch-browser';
import { mainThread, minus, send, setSiteEnabled, sleep } from './page-browser';
import { bundledNames, closeServers, generatedNewsPage, NEWS_PAGE, REAL_PAGES, startServers } from './page-fixtures';

const STEPS = 40;
const OUT = resolve(import.meta.dirname, 'out');
const BUNDLED_ID = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../assets/dataset.json'), 'utf8')) as { id: string }).id;

/** Mentions the page's overlay holds, once that number has held still for a second. */
async function settled(options: Page, host: string): Promise<number> {
  let last = -1;
  let since = Date.now();
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    const now = (await options.evaluate(`(async () => {
      for (const tab of await chrome.tabs.query({})) {
        const info = await chrome.tabs.sendMessage(tab.id, { type: 'getPageInfo' }, { frameId: 0 }).catch(() => null);
        if (info?.host === ${JSON.stringify(host)}) return info.entities.reduce((n, e) => n + e.count, 0);
      }
      return -1;
    })()`)) as number;
    if (now !== last) [last, since] = [now, Date.now()];
    else if (Date.now() - since > 1000) return now;
  }
  return last;
}

async function scrollCost(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const before = await mainThread(cdp);
  await page.evaluate(`(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let i = 0; i < ${STEPS}; i++) { scrollBy(0, innerHeight * 0.8); await frame(); }
  })()`);
  const spent = minus(await mainThread(cdp), before);
  await cdp.detach();
  return spent.task;
}

async function main(): Promise<void> {
  const servers = await startServers();
  servers.setNewsPage(generatedNewsPage(bundledNames()).html);
  const lb = await launchWithExtension({ name: 'chromium', headless: true });
  const options = await firstInstallPage(lb);
  await setSiteEnabled(options, new URL(servers.off.url).host, false);
  const rows: string[] = ['| Page | Mentions | Off | Registry | Private marks | Private ÷ registry |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
  const results: { page: string; mentions: number; offMs: number; registryMs: number; privateMs: number }[] = [];
  try {
    for (const file of [...REAL_PAGES, NEWS_PAGE]) {
      const ms: Record<string, number> = {};
      let mentions = 0;
      for (const mode of ['public', 'private', 'off'] as const) {
        if (mode !== 'off') await send(options, { type: 'setDatasetPrivate', id: BUNDLED_ID, private: mode === 'private' });
        const server = mode === 'off' ? servers.off : servers.on;
        const page = await lb.browser.newPage();
        await page.setViewport({ width: 1280, height: 800 });
        await page.goto(`${server.url}${file}`, { waitUntil: 'load' });
        if (mode !== 'off') mentions = await settled(options, new URL(server.url).host);
        else await sleep(1000);
        ms[mode] = await scrollCost(page);
        await page.close();
      }
      const per = (m: number) => `${(m / STEPS).toFixed(2)} ms`;
      results.push({ page: file, mentions, offMs: ms.off! / STEPS, registryMs: ms.public! / STEPS, privateMs: ms.private! / STEPS });
      rows.push(`| ${file} | ${mentions} | ${per(ms.off!)} | ${per(ms.public!)} | ${per(ms.private!)} | ${(ms.private! / ms.public!).toFixed(2)} |`);
      console.error(rows[rows.length - 1]);
    }
  } finally {
    await lb.browser.close();
    await closeServers(servers);
  }
  const md = [
    '## Private painting',
    '',
    `Main-thread time per scroll step in Chromium (${STEPS} steps of 0.8 screen, 1280×800, two frames each), with the bundled dataset public (highlight registry), private (marks in the closed root) and Factlens off, one page after another in one run:`,
    '',
    ...rows,
    '',
  ].join('\n');
  mkdirSync(OUT, { recursive: true });
  writeFileSync(resolve(OUT, 'private-paint.json'), `${JSON.stringify({ steps: STEPS, results }, null, 2)}\n`);
  writeFileSync(resolve(OUT, 'private-paint.md'), md);
  console.log(md);
}

await main();
