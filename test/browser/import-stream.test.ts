import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CDPSession, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './extension-page';
import { writeFtmFile } from './ftm-file';
import { BROWSERS, firstInstallPage, launchWithExtension, type ExtensionBrowser } from './harness';

/**
 * A streamed import of a generated 1,000,000-line FollowTheMoney file
 * completes and replaces a 100,000-line import of the same file name, in
 * both browsers. In Chromium the options page's and the worker's heaps (JS
 * heap and typed arrays) are sampled through CDP during both imports: as
 * used, garbage included, and as live after a forced collection every so
 * often (COLLECT_EVERY_MS). The options page's working memory must not grow
 * with the file: from the small file to the large one its live peak may
 * grow only by PAGE_BYTES_PER_PERSON for each further person (hashes of its
 * id, source and names, and its relation until the person's line comes:
 * about 200 bytes in `npm run bench`, against about 1,250 bytes of file a
 * person), so keeping the text, the skipped lines or every problem would
 * fail it. The worker holds the dataset's names and builds its automaton,
 * which are data and grow with it: printed, not bounded. Firefox has no
 * heap protocol.
 */
const PAGE_BYTES_PER_PERSON = 400;
/**
 * How often the live heap is sampled, by file: often enough that the short
 * small import is sampled several times (a missed peak there would only make
 * the bound stricter), rarely enough that forced collections of the large
 * heap do not slow the long import much.
 */
const COLLECT_EVERY_MS = { small: 500, large: 2000 };
const SMALL = 100_000;
const LARGE = 1_000_000;

let small: Awaited<ReturnType<typeof writeFtmFile>>;
let large: Awaited<ReturnType<typeof writeFtmFile>>;
beforeAll(async () => {
  small = await writeFtmFile(SMALL);
  large = await writeFtmFile(LARGE);
});
afterAll(async () => {
  for (const file of [small, large]) if (file) await rm(dirname(file.path), { recursive: true, force: true });
});

interface Heap {
  /** Samples the heap in use, garbage included; with `collect`, after a full collection, so only what is live. */
  sample(collect: boolean): Promise<void>;
  /** The peaks since the last reset: in use, and live. */
  peaks(): { used: number; live: number };
  /** Collects garbage and starts new peaks; returns the live heap then. */
  reset(): Promise<number>;
}

async function heapOf(session: CDPSession): Promise<Heap> {
  let used = 0;
  let live = 0;
  // Typed arrays' backing stores are outside the JS heap: counted too, as the converter keeps its hashes there.
  const usedSize = async () => {
    const usage = await session.send('Runtime.getHeapUsage');
    return usage.usedSize + (usage.backingStorageSize ?? 0);
  };
  return {
    async sample(collect) {
      if (collect) await session.send('HeapProfiler.collectGarbage');
      const size = await usedSize();
      used = Math.max(used, size);
      if (collect) live = Math.max(live, size);
    },
    peaks: () => ({ used, live }),
    async reset() {
      await session.send('HeapProfiler.collectGarbage');
      used = 0;
      live = 0;
      return usedSize();
    },
  };
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

describe.each(BROWSERS)('%s: a streamed FollowTheMoney import', (name) => {
  let eb: ExtensionBrowser;
  let options: Page;
  let heaps: Heap[] = [];

  beforeAll(async () => {
    eb = await launchWithExtension(name);
    options = await firstInstallPage(eb);
    await until(options, `document.querySelector('[data-testid=datasets] tr[data-dataset]') !== null`);
    // The second import has the first's id: the page asks before replacing it.
    options.on('dialog', (dialog) => void dialog.accept());
    if (name === 'chromium') {
      const worker = await eb.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(eb.origin));
      heaps = [await heapOf(await options.createCDPSession()), await heapOf(await worker.createCDPSession())];
    }
  });
  afterAll(async () => {
    await eb?.close();
  });

  /** Imports the file and returns each heap's (options page, worker) live size before, and its peaks while it ran, in bytes. */
  async function importFile(path: string, collectEveryMs: number): Promise<{ before: number[]; peaks: number[]; live: number[]; seconds: number }> {
    const before: number[] = [];
    for (const heap of heaps) before.push(await heap.reset());
    const started = Date.now();
    const input = (await options.$('[data-testid=import-file]')) as ElementHandle<HTMLInputElement>;
    await options.evaluate(`document.querySelector('[data-testid=import-done]')?.remove()`);
    await input.uploadFile(path);
    for (let collected = Date.now(); ; ) {
      const collect = Date.now() - collected >= collectEveryMs;
      if (collect) collected = Date.now();
      for (const heap of heaps) await heap.sample(collect);
      const done = await options.evaluate(`document.querySelector('[data-testid=import-done], [data-testid=import-error]')?.textContent ?? null`);
      if (done !== null) {
        expect(done).toMatch(/^Imported /);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return { before, peaks: heaps.map((h) => h.peaks().used), live: heaps.map((h) => h.peaks().live), seconds: Math.round((Date.now() - started) / 1000) };
  }

  it('imports a million lines, replacing a smaller import of the same file name, with memory that does not grow with the file', { timeout: 1_200_000 }, async () => {
    const smallRun = await importFile(small.path, COLLECT_EVERY_MS.small);
    const row = (id: string) => `document.querySelector('[data-testid=datasets] tr[data-dataset="${id}"]')?.getAttribute('data-entities')`;
    expect(await until(options, `${row('generated-peps')} === ${JSON.stringify(String(small.persons))}`)).toBe(true);
    const largeRun = await importFile(large.path, COLLECT_EVERY_MS.large);
    expect(await until(options, `${row('generated-peps')} === ${JSON.stringify(String(large.persons))}`)).toBe(true);
    const mbs = (bytes: number[]) => bytes.map(mb).join(' / ');
    const line = (file: typeof small, run: typeof smallRun) =>
      `${file.lines.toLocaleString('en')} lines (${mb(file.bytes)} MB, ${file.persons.toLocaleString('en')} people) in ${run.seconds} s${
        run.peaks.length === 0 ? '' : `, heap options page / worker before ${mbs(run.before)} MB, peak used ${mbs(run.peaks)} MB, peak live ${mbs(run.live)} MB`
      }`;
    console.log(`${name}: ${line(small, smallRun)}; ${line(large, largeRun)}`);
    if (heaps.length > 0) {
      const [smallPage, largePage] = [smallRun.live[0]!, largeRun.live[0]!];
      // Sampled at all, in both runs: a peak of 0 would pass anything.
      expect(Math.min(smallPage, largePage)).toBeGreaterThan(0);
      expect(largePage - smallPage).toBeLessThanOrEqual(PAGE_BYTES_PER_PERSON * (large.persons - small.persons));
    }
    // The last person is there, with the name the file gave.
    expect(await options.evaluate(`document.querySelector('[data-testid=import-done]').textContent`)).toContain(`${large.persons.toLocaleString('en')} entities`);
  });

  it('logs no errors', () => {
    expect(eb.errors).toEqual([]);
  });
});
