/**
 * Our matcher inside headless Chromium: src/matcher bundled by esbuild into an
 * IIFE, loaded into a blank page, which builds the dictionary and scans the
 * texts with performance.now() timing (main thread of a page; the background
 * service worker runs the same V8).
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import type { Pattern } from '../src/matcher';
import type { BenchText } from './texts';

export interface ChromiumResult {
  version: string;
  coldBuildMs: number;
  buildMs: number;
  texts: { label: string; mbps: number; runs: number; matches: number }[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runInChromium({ patterns, texts, runs = 7 }: { patterns: readonly Pattern[]; texts: readonly BenchText[]; runs?: number }): Promise<ChromiumResult> {
  const bundle = await build({
    entryPoints: [resolve(import.meta.dirname, '../src/matcher/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'FactlensMatcher',
    target: 'es2022',
    write: false,
  });
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const version = await browser.version();
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    await page.evaluate((p) => {
      (globalThis as any).benchPatterns = p;
    }, patterns as Pattern[]);
    const builds = await page.evaluate((n) => {
      const m = (globalThis as any).FactlensMatcher;
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        (globalThis as any).benchDictionary = m.buildDictionary({ patterns: (globalThis as any).benchPatterns });
        times.push(performance.now() - t0);
      }
      return times;
    }, 3);
    const results: ChromiumResult['texts'] = [];
    for (const text of texts) {
      const { times, matches } = await page.evaluate(
        (t, n) => {
          const m = (globalThis as any).FactlensMatcher;
          const dictionary = (globalThis as any).benchDictionary;
          const out: number[] = [];
          let matches = 0;
          for (let i = 0; i < n; i++) {
            const t0 = performance.now();
            matches = m.scan({ dictionary, text: t }).length;
            out.push(performance.now() - t0);
          }
          return { times: out, matches };
        },
        text.text,
        runs,
      );
      results.push({ label: text.label, mbps: text.bytes / 1e6 / (median(times) / 1000), runs, matches });
    }
    return { version, coldBuildMs: builds[0]!, buildMs: median(builds), texts: results };
  } finally {
    await browser.close();
  }
}
