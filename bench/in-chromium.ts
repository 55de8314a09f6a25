/**
 * Our matcher inside headless Chromium: src/matcher bundled by esbuild into an
 * IIFE, loaded into a blank page, which builds the dictionary and scans the
 * texts with performance.now() timing (main thread of a page; the background
 * service worker runs the same V8).
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { requireBrowser } from '../scripts/lib/find-browser';
import type * as Matcher from '../src/matcher';
import type { Dictionary, Pattern } from '../src/matcher';
import type * as Packed from '../src/matcher/packed';
import { median, spread, type Spread } from './head-to-head';
import type { BenchText } from './texts';

export interface ChromiumResult {
  version: string;
  coldBuildMs: number;
  buildMs: number;
  texts: {
    label: string;
    /** MB/s with the dictionary as built; the median of the runs and their range. */
    mbps: number;
    built: Spread;
    /** The same dictionary packed and read back, as the worker holds it after a restart (packed.ts). */
    stored: Spread;
    runs: number;
    matches: number;
  }[];
}

/** What the page's global scope holds: the bundle's IIFE global, and what the steps below leave for each other. */
interface BenchGlobals {
  FactlensMatcher: typeof Matcher & Pick<typeof Packed, 'packDictionary' | 'unpackDictionary'>;
  benchPatterns: Pattern[];
  benchDictionary: Dictionary;
  benchStored: Dictionary;
}


export async function runInChromium({ patterns, texts, runs = 15 }: { patterns: readonly Pattern[]; texts: readonly BenchText[]; runs?: number }): Promise<ChromiumResult> {
  const bundle = await build({
    stdin: {
      contents: "export * from './index'; export { packDictionary, unpackDictionary } from './packed';",
      resolveDir: resolve(import.meta.dirname, '../src/matcher'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'FactlensMatcher',
    target: 'es2022',
    write: false,
  });
  const browser = await puppeteer.launch({
    executablePath: requireBrowser('chromium').path,
    headless: true,
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const version = await browser.version();
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    await page.evaluate((p) => {
      (globalThis as unknown as BenchGlobals).benchPatterns = p;
    }, patterns as Pattern[]);
    const builds = await page.evaluate((n) => {
      const g = globalThis as unknown as BenchGlobals;
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        g.benchDictionary = g.FactlensMatcher.buildDictionary({ patterns: g.benchPatterns });
        times.push(performance.now() - t0);
      }
      g.benchStored = g.FactlensMatcher.unpackDictionary(g.FactlensMatcher.packDictionary(g.benchDictionary));
      return times;
    }, 3);
    const results: ChromiumResult['texts'] = [];
    for (const text of texts) {
      // The two dictionaries in turn, so that both meet the same load.
      const { built, stored, matches } = await page.evaluate(
        (t, n) => {
          const { FactlensMatcher: m, benchDictionary, benchStored } = globalThis as unknown as BenchGlobals;
          const built: number[] = [];
          const stored: number[] = [];
          let matches = 0;
          for (let i = 0; i < n; i++) {
            let t0 = performance.now();
            matches = m.scan({ dictionary: benchDictionary, text: t }).length;
            built.push(performance.now() - t0);
            t0 = performance.now();
            m.scan({ dictionary: benchStored, text: t });
            stored.push(performance.now() - t0);
          }
          return { built, stored, matches };
        },
        text.text,
        runs,
      );
      const mbps = (times: number[]) => spread(times.map((ms) => text.bytes / 1e3 / ms));
      results.push({ label: text.label, mbps: text.bytes / 1e6 / (median(built) / 1000), built: mbps(built), stored: mbps(stored), runs, matches });
    }
    return { version, coldBuildMs: builds[0]!, buildMs: median(builds), texts: results };
  } finally {
    await browser.close();
  }
}
