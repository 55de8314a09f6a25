/**
 * The least the generated 5 MB page can cost Factlens, whatever the overlay
 * does with its text: reading it out of the page and sending it to the
 * worker. The floor under the page section's "extra main thread" row
 * (issue 17), in Chromium with the bundled dataset, on the page served from
 * the host Factlens is turned off for, so the overlay itself does nothing.
 *
 * - Messaging, in the content script's own world: the page's blocks
 *   (overlay/extract.ts) go to the worker in requests of BATCH_CHARS, one
 *   after the other as the scan pipeline sends them (`batches`), once as
 *   they are and once with their vowels and Han characters replaced (same
 *   lengths, so the same copy, and almost no match). The main thread's CPU
 *   time (CDP ThreadTime) of the second is what sending costs; the
 *   difference, what receiving the matches costs.
 * - Reading, cold: each measure in a fresh page and a fresh isolated world,
 *   as a content script meets a page once per load. Visiting every node
 *   twice (the difference is Blink making each node's wrapper for that
 *   world), reading the text nodes, and extraction itself (`blocksUnder`).
 *
 * Writes bench/out/page-floor.{json,md}.
 *
 *   tsx bench/page-floor.ts [--runs N]
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { CDPSession, Page } from 'puppeteer-core';
import { BATCH_CHARS } from '../overlay/scan-pipeline';
import { contentScriptWorld, evaluateIn } from '../scripts/lib/content-world';
import { firstInstallPage, launchWithExtension } from '../scripts/lib/launch-browser';
import { formatSpread, spread, type Spread } from './head-to-head';
import { mainThread, setSiteEnabled, settle, sleep } from './page-browser';
import { measureLoad } from './page-cost';
import { bundledNames, closeServers, generatedNewsPage, NEWS_PAGE, startServers } from './page-fixtures';
import { seedingReady } from './page-interaction';
import { writeSectionOutput } from './section-output';

const log = (s: string) => console.error(`[bench:page-floor] ${s}`);
const runsAt = process.argv.indexOf('--runs');
/** Rounds of each measure; the figures are their medians. */
const RUNS = runsAt >= 0 ? Math.max(1, Number(process.argv[runsAt + 1]) || 5) : 5;
/** The share of the page's own main thread that issue 17 allows Factlens. */
const BUDGET = 0.15;

interface Floor {
  date: string;
  chromium: string;
  runs: number;
  page: { bytes: number; blocks: number; chars: number; requests: number; matches: number; brokenMatches: number };
  /** The page's own main thread, TaskDuration, loads with Factlens off. */
  pageTask: Spread;
  sendCpu: Spread;
  receiveCpu: Spread;
  visitCold: Spread;
  visitWarm: Spread;
  readTextCold: Spread;
  extractCold: Spread;
}

/** page-floor-script.ts bundled: extraction and the pipeline's batching, to evaluate in an isolated world. */
async function extractionScript(): Promise<string> {
  const out = await build({
    entryPoints: [resolve(import.meta.dirname, 'page-floor-script.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    define: { __FACTLENS_USER_TIMING__: 'false' },
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** Opens `url` in a fresh page and a fresh isolated world holding the extraction script. */
async function freshWorld(open: () => Promise<Page>, url: string, script: string): Promise<{ page: Page; cdp: CDPSession; world: number }> {
  const page = await open();
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  const cdp = await page.createCDPSession();
  const frameId = ((await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } }).frameTree.frame.id;
  const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId, worldName: 'factlens-floor' })) as { executionContextId: number };
  await evaluateIn(cdp, executionContextId, script);
  return { page, cdp, world: executionContextId };
}

const VISIT = `(() => {
  const visit = () => { const t = performance.now(); const w = document.createTreeWalker(document.body); while (w.nextNode()); return performance.now() - t; };
  return [visit(), visit()];
})()`;
const READ_TEXT = `(() => {
  const t = performance.now(); const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n = 0;
  for (let x = w.nextNode(); x; x = w.nextNode()) n += x.data.length;
  return performance.now() - t;
})()`;
const EXTRACT = `(() => { const t = performance.now(); let n = 0; for (const b of __factlensFloor.blocksUnder(document.body)) n++; return performance.now() - t; })()`;

async function main(): Promise<void> {
  const servers = await startServers();
  const news = generatedNewsPage(bundledNames());
  servers.setNewsPage(news.html);
  const url = `${servers.off.url}${NEWS_PAGE}`;
  const script = await extractionScript();
  const lb = await launchWithExtension({ name: 'chromium', headless: true });
  try {
    const options = await firstInstallPage(lb);
    await seedingReady(options);
    await setSiteEnabled(options, new URL(servers.off.url).host, false);
    await sleep(500);
    const open = () => lb.browser.newPage();

    log('the page without Factlens');
    const pageTask: number[] = [];
    for (let r = 0; r < RUNS; r++) pageTask.push((await measureLoad(lb.browser, url)).main.task);

    log('sending and receiving, in the content script\'s world');
    const page = await open();
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await settle(page, 500);
    const content = await contentScriptWorld(cdp);
    await evaluateIn(cdp, content, script);
    const sets = await evaluateIn<{ blocks: number; chars: number; requests: number }>(cdp, content, `(() => {
      const blocks = [...__factlensFloor.blocksUnder(document.body)];
      const real = __factlensFloor.batches(blocks, ${BATCH_CHARS}).map((batch) => batch.map((b) => b.text));
      const broken = real.map((texts) => texts.map((t) => t.replace(/[aeiou]/gi, 'q').replace(/[\\u4e00-\\u9fff]/g, '\\u3007')));
      globalThis.__floorSets = { real, broken };
      return { blocks: blocks.length, chars: blocks.reduce((n, b) => n + b.text.length, 0), requests: real.length };
    })()`);
    const sendAll = (set: 'real' | 'broken') =>
      evaluateIn<number>(cdp, content, `(async () => {
        let matches = 0;
        for (const texts of __floorSets.${set}) {
          const answer = await chrome.runtime.sendMessage({ type: 'scanTexts', texts });
          if (!answer?.ok) throw new Error(JSON.stringify(answer).slice(0, 200));
          for (const list of answer.value.matches) matches += list.length;
        }
        return matches;
      })()`);
    const sendCpu: number[] = [];
    const bothCpu: number[] = [];
    let matches = 0;
    let brokenMatches = 0;
    for (let r = 0; r < RUNS; r++) {
      // Each set first in turn, so neither always follows the other.
      for (const set of r % 2 ? (['broken', 'real'] as const) : (['real', 'broken'] as const)) {
        await sleep(300);
        const before = (await mainThread(cdp)).thread;
        const found = await sendAll(set);
        const cpu = (await mainThread(cdp)).thread - before;
        if (set === 'real') [matches, bothCpu[r]] = [found, cpu];
        else [brokenMatches, sendCpu[r]] = [found, cpu];
      }
    }
    await page.close();

    log('reading, cold');
    const visitCold: number[] = [];
    const visitWarm: number[] = [];
    const readTextCold: number[] = [];
    const extractCold: number[] = [];
    /** Evaluates `expression` once in a fresh page and world: every measure meets the page cold. */
    const cold = async <T>(expression: string): Promise<T> => {
      const fresh = await freshWorld(open, url, script);
      const value = await evaluateIn<T>(fresh.cdp, fresh.world, expression);
      await fresh.page.close();
      return value;
    };
    for (let r = 0; r < RUNS; r++) {
      const [first, again] = await cold<[number, number]>(VISIT);
      visitCold.push(first);
      visitWarm.push(again);
      readTextCold.push(await cold<number>(READ_TEXT));
      extractCold.push(await cold<number>(EXTRACT));
    }

    const floor: Floor = {
      date: new Date().toISOString(),
      chromium: await lb.browser.version(),
      runs: RUNS,
      page: { bytes: news.html.length, ...sets, matches, brokenMatches },
      pageTask: spread(pageTask),
      sendCpu: spread(sendCpu),
      receiveCpu: spread(bothCpu.map((x, i) => x - sendCpu[i]!)),
      visitCold: spread(visitCold),
      visitWarm: spread(visitWarm),
      readTextCold: spread(readTextCold),
      extractCold: spread(extractCold),
    };
    writeSectionOutput('page-floor', floor, renderFloor(floor));
  } finally {
    await lb.close();
    await closeServers(servers);
  }
}

function renderFloor(f: Floor): string {
  const ms = (s: Spread) => formatSpread(s, 0, ' ms');
  const budget = BUDGET * f.pageTask.median;
  const floor = f.sendCpu.median + f.receiveCpu.median + f.extractCold.median;
  const n = (x: number) => x.toLocaleString('en');
  return [
    '## The generated page\'s floor (Chromium, bundled dataset)',
    '',
    `${f.date}, ${f.chromium}. The generated page: ${(f.page.bytes / 1e6).toFixed(2)} MB, ${n(f.page.blocks)} blocks, ${n(f.page.chars)} characters of text, sent in ${n(f.page.requests)} requests of at most ${n(BATCH_CHARS)} characters. Served from the host Factlens is off for, so only this bench's own work runs; median of ${f.runs} rounds (min–max).`,
    '',
    '| Part | Measured | |',
    '| --- | ---: | --- |',
    `| The page's own main thread (task time, Factlens off) | ${ms(f.pageTask)} | ${BUDGET * 100} % of it, the target's whole budget: ${budget.toFixed(0)} ms |`,
    `| Sending the text (CPU time of the main thread, answers with their vowels replaced: ${n(f.page.brokenMatches)} matches) | ${ms(f.sendCpu)} | the content script's own world, requests one after the other |`,
    `| Receiving the ${n(f.page.matches)} matches (CPU time, the real texts minus the replaced ones) | ${ms(f.receiveCpu)} | |`,
    `| Visiting every node, cold / again | ${ms(f.visitCold)} / ${ms(f.visitWarm)} | a fresh isolated world each time: the difference is Blink making each node's wrapper for it |`,
    `| Reading the text nodes, cold | ${ms(f.readTextCold)} | |`,
    `| Extraction (\`blocksUnder\`), cold | ${ms(f.extractCold)} | once per load, so never optimised |`,
    `| **Sending + receiving + extraction** | **${floor.toFixed(0)} ms** | **${((100 * floor) / budget).toFixed(0)} % of the budget**, before any place is measured or mark drawn, and without the wait for a core that a load brings |`,
    '',
  ].join('\n');
}

await main();
