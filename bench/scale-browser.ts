/**
 * The scale section's browser part: a cold worker in Chromium for real. A
 * generated dataset is imported through the options page; then, run after
 * run, the extension's service worker is stopped (CDP
 * ServiceWorker.stopAllWorkers, what Chrome does to an idle worker after
 * about 30 s) and a news page is loaded: load → first highlight, against the
 * same page with the worker still running. The stored automaton's IndexedDB
 * read is also timed on its own, from the options page (same origin, same
 * database).
 */
import type { Browser, Page } from 'puppeteer-core';
import { firstInstallPage, launchWithExtension } from '../scripts/lib/launch-browser';
import { startStaticServer } from '../scripts/lib/static-server';
import { syntheticDataset } from '../scripts/lib/synthetic-dataset';
import type { Dataset } from '../src/dataset/schema';
import { send, settle, timeMessages, until } from './page-browser';
import { measureLoad } from './page-cost';
import { generatedNewsPage } from './page-fixtures';
import { importDataset, seedingReady } from './page-interaction';

export interface ColdStartRuns {
  entities: number;
  /** The dataset files, bytes in all. */
  fileBytes: number;
  /** How many files the entities were imported in (see inFiles). */
  files: number;
  /** Options page: file chosen → import done, ms, summed over the files. */
  importMs: number;
  /** The first page after the import: the worker builds the automaton (and stores it). load → first highlight, ms. */
  firstPageMs: number | null;
  /** The stored automaton's row read back from IndexedDB in the options page, ms each, and its size. */
  readMs: number[];
  storedBytes: number;
  /** load → first highlight with the worker stopped just before, ms each. */
  coldMs: number[];
  /** The same page with the worker running, ms each. */
  warmMs: number[];
  /**
   * From the options page, after the worker was stopped again, one run each:
   * a request that reads only the datasets table (worker start and the store
   * preparation every request waits for), then a one-sentence scan (the
   * automaton's row read and unpacked), then the same scan again (warm).
   */
  wakeMs: number[];
  firstScanMs: number[];
  warmScanMs: number[];
  /** The same after another stop: a first popup search (the stored index read back), then the next keystroke. */
  firstSearchMs: number[];
  nextSearchMs: number[];
  /**
   * The news page's JS heap after a forced GC (CDP Runtime.getHeapUsage: the
   * page and the content script's isolated world), with the large dataset,
   * then with only a small dataset of the entities the page names: the same
   * highlights from a dictionary a fraction of the size. Bytes, and the
   * highlights each load showed.
   */
  tabHeap: { large: number; small: number; largeHighlights: number; smallHighlights: number; smallEntities: number };
  /** Whole run, s. */
  wallS: number;
}

const CACHE_PREFIX = 'matcher:';

/**
 * Generated entities per imported file: 200,000 make a file of about 39 MB,
 * under the options page's MAX_IMPORT_BYTES (src/limits.ts), so a million
 * are imported as five datasets, as a reader would import a registry too
 * large for one file.
 */
const ENTITIES_PER_FILE = 200_000;

/** The dataset as the files it is imported in: itself if it fits in one, else parts with ids of their own. */
function inFiles(dataset: Dataset): { id: string; json: string }[] {
  const { entities } = dataset;
  if (entities.length <= ENTITIES_PER_FILE) return [{ id: dataset.id, json: JSON.stringify(dataset) }];
  const files: { id: string; json: string }[] = [];
  for (let from = 0, part = 1; from < entities.length; from += ENTITIES_PER_FILE, part++) {
    const id = `${dataset.id}-${part}`;
    files.push({ id, json: JSON.stringify({ ...dataset, id, name: `${dataset.name}, part ${part}`, entities: entities.slice(from, from + ENTITIES_PER_FILE) }) });
  }
  return files;
}

/** Stops every service worker (the extension's is the only one) and waits until its target is gone. */
async function stopWorker(browser: Browser, page: Page, origin: string): Promise<void> {
  const cdp = await page.createCDPSession();
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  const deadline = Date.now() + 30_000;
  while (browser.targets().some((t) => t.type() === 'service_worker' && t.url().startsWith(origin))) {
    if (Date.now() > deadline) throw new Error('the service worker did not stop');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The key of the stored automaton row for the datasets enabled now, once
 * the worker has written it: its signature names each enabled dataset's
 * generation (catalog.ts). A row stored for the datasets of an earlier moment
 * (a worker that woke between two imports) names fewer.
 */
const CURRENT_ROW = `new Promise((resolve) => {
    const open = indexedDB.open('factlens');
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['caches', 'datasets']);
      const keys = tx.objectStore('caches').getAllKeys();
      const datasets = tx.objectStore('datasets').getAll();
      tx.oncomplete = () => {
        db.close();
        const named = datasets.result.filter((d) => d.enabled).map((d) => JSON.stringify([d.id, d.generation]));
        resolve(keys.result.map(String).find((k) => k.startsWith(${JSON.stringify(CACHE_PREFIX)}) && named.every((n) => k.includes(n))) ?? null);
      };
      tx.onerror = () => { db.close(); resolve(null); };
    };
    open.onerror = () => resolve(null);
  })`;

/** From an extension page: the stored automaton's row for the datasets enabled now, read back `runs` times (ms each). */
async function readStored(page: Page, runs: number): Promise<{ readMs: number[]; storedBytes: number }> {
  const key = await until<string>(page, CURRENT_ROW, 600_000, 500);
  return (await page.evaluate(`(async () => {
    const db = await new Promise((resolve, reject) => { const o = indexedDB.open('factlens'); o.onsuccess = () => resolve(o.result); o.onerror = () => reject(o.error); });
    const req = (f) => new Promise((resolve, reject) => { const r = f(); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const key = ${JSON.stringify(key)};
    const readMs = [];
    let storedBytes = 0;
    for (let i = 0; i < ${runs}; i++) {
      const t = performance.now();
      const row = await req(() => db.transaction('caches').objectStore('caches').get(key));
      // The packed arrays are stored as a Blob (stored-derivation.ts): read as the worker reads them.
      const buffer = await row.value.dictionary.buffer.arrayBuffer();
      readMs.push(performance.now() - t);
      storedBytes = buffer.byteLength + 2 * (row.value.dictionary.cased.length + row.value.keys.ids.text.length);
    }
    db.close();
    return { readMs, storedBytes };
  })()`)) as { readMs: number[]; storedBytes: number };
}

/** Loads `url` in a new tab, waits for its highlights to settle, and reads its JS heap after a forced GC. */
async function tabHeap(browser: Browser, url: string): Promise<{ bytes: number; highlights: number }> {
  const page = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await until(page, `(CSS.highlights.get('factlens-mention')?.size ?? 0) > 0`, 120_000, 50);
    const highlights = await settle(page, 1000);
    const cdp = await page.createCDPSession();
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return { bytes: usedSize, highlights };
  } finally {
    await page.close();
  }
}

export async function coldStartInChromium({ count, runs, log }: { count: number; runs: number; log: (s: string) => void }): Promise<ColdStartRuns> {
  const started = Date.now();
  const dataset = syntheticDataset({ count, id: 'synthetic' });
  const files = inFiles(dataset);
  // An article's worth of text (about 100 KB), one sentence in three naming one of the entities.
  const names = dataset.entities.filter((_, i) => i % Math.max(1, Math.floor(count / 2000)) === 0).map((e) => e.name);
  const news = generatedNewsPage(names, { targetBytes: 100_000 });
  const named = new Set(names);
  const server = await startStaticServer({ files: new Map([['/news.html', news.html]]) });
  const lb = await launchWithExtension({ name: 'chromium', headless: true });
  try {
    const options = await firstInstallPage(lb);
    await seedingReady(options);
    let importMs = 0;
    for (const [i, file] of files.entries()) {
      if (i > 0) {
        await options.reload({ waitUntil: 'load' });
        await seedingReady(options);
      }
      const imported = await importDataset(options, file.json);
      importMs += imported.pageMs;
      // Imports are private by default (painted in a closed root); public, the first highlight shows in CSS.highlights, where the probe sees it. The worker's cold start is the same either way.
      await send(options, { type: 'setDatasetPrivate', id: file.id, private: false });
      log(`file ${i + 1} of ${files.length} imported in ${(imported.pageMs / 1000).toFixed(1)} s (${imported.done})`);
    }
    const url = `${server.url}news.html`;
    const first = await measureLoad(lb.browser, url, { firstHighlightTimeoutMs: 600_000 });
    log(`first page after the import (builds the automaton): ${first.loadToHighlight?.toFixed(0)} ms`);
    const { readMs, storedBytes } = await readStored(options, runs);
    const coldMs: number[] = [];
    const warmMs: number[] = [];
    const wakeMs: number[] = [];
    const firstScanMs: number[] = [];
    const warmScanMs: number[] = [];
    const firstSearchMs: number[] = [];
    const nextSearchMs: number[] = [];
    const sentenceName = dataset.entities[Math.floor(count / 3)]!.name;
    for (let r = 0; r < runs; r++) {
      await stopWorker(lb.browser, options, lb.origin);
      const cold = await measureLoad(lb.browser, url, { firstHighlightTimeoutMs: 120_000 });
      const warm = await measureLoad(lb.browser, url, { firstHighlightTimeoutMs: 120_000 });
      if (cold.loadToHighlight === null || warm.loadToHighlight === null) throw new Error('a page showed no highlight');
      coldMs.push(cold.loadToHighlight);
      warmMs.push(warm.loadToHighlight);
      await stopWorker(lb.browser, options, lb.origin);
      const scan = { type: 'scanTexts', texts: [`Today ${sentenceName} spoke.`] };
      const [wake, firstScan, warmScan] = await timeMessages(options, [{ type: 'listDatasets' }, scan, scan]);
      wakeMs.push(wake!);
      firstScanMs.push(firstScan!);
      warmScanMs.push(warmScan!);
      await stopWorker(lb.browser, options, lb.origin);
      const [, firstSearch, nextSearch] = await timeMessages(options, [
        { type: 'listDatasets' },
        { type: 'search', query: sentenceName.slice(0, 2) },
        { type: 'search', query: sentenceName.slice(0, 3) },
      ]);
      firstSearchMs.push(firstSearch!);
      nextSearchMs.push(nextSearch!);
      log(
        `run ${r + 1}: cold ${cold.loadToHighlight.toFixed(0)} ms, warm ${warm.loadToHighlight.toFixed(0)} ms; ` +
          `wake ${wake!.toFixed(0)} ms, first scan ${firstScan!.toFixed(0)} ms, warm scan ${warmScan!.toFixed(0)} ms; first search ${firstSearch!.toFixed(0)} ms, next ${nextSearch!.toFixed(0)} ms`,
      );
    }
    const large = await tabHeap(lb.browser, url);
    // The same page's names from a dictionary of just its entities: a content script's memory must not follow the dataset's size.
    const smallEntities = dataset.entities.filter((e) => named.has(e.name));
    await options.reload({ waitUntil: 'load' });
    await seedingReady(options);
    await importDataset(options, JSON.stringify({ ...dataset, id: 'named', name: 'Named on the page', entities: smallEntities }));
    await send(options, { type: 'setDatasetPrivate', id: 'named', private: false });
    for (const file of files) await send(options, { type: 'setDatasetEnabled', id: file.id, enabled: false });
    const small = await tabHeap(lb.browser, url);
    log(`tab heap: ${(large.bytes / 1e6).toFixed(1)} MB with ${count.toLocaleString('en')} entities (${large.highlights} highlights), ${(small.bytes / 1e6).toFixed(1)} MB with ${smallEntities.length} (${small.highlights})`);
    return {
      tabHeap: { large: large.bytes, small: small.bytes, largeHighlights: large.highlights, smallHighlights: small.highlights, smallEntities: smallEntities.length },
      entities: count,
      fileBytes: files.reduce((n, f) => n + f.json.length, 0),
      files: files.length,
      importMs,
      firstPageMs: first.loadToHighlight,
      readMs,
      storedBytes,
      coldMs,
      warmMs,
      wakeMs,
      firstScanMs,
      warmScanMs,
      firstSearchMs,
      nextSearchMs,
      wallS: (Date.now() - started) / 1000,
    };
  } finally {
    await lb.close();
    await server.close();
  }
}
