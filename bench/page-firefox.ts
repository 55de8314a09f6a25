/**
 * Factlens's own main-thread time in Firefox, which has no trace to take it
 * from: the benchmark's build (FACTLENS_USER_TIMING=1, .output/user-timing/)
 * puts a User Timing measure named `factlens:…` around each task the content
 * script runs (overlay/user-timing.ts). A content script's measures land in
 * the page's own timeline, so they are read from the page. Loads the page
 * section's pages (bench/page.ts, bundled dataset) in Firefox and then in
 * Chromium, each with its own such build, sums each load's measures, and
 * sets the medians beside the page section's Chromium figures for the same
 * page from bench/out/page.json (or the last full run's bench/results.json).
 * Writes bench/out/page-firefox.{json,md}.
 *
 *   tsx bench/page-firefox.ts [--runs N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { firstInstallPage, launchWithExtension } from '../scripts/lib/launch-browser';
import { REAL_PAGES_DIR } from '../scripts/lib/real-pages';
import { median, settle, until } from './page-browser';
import type { PageCost } from './page-cost';
import { bundledNames, closeServers, generatedNewsPage, NEWS_PAGE, REAL_PAGES, startServers, type Servers } from './page-fixtures';
import type { PageBenchResult } from './page-report';
import { writeSectionOutput } from './section-output';

const ROOT = resolve(import.meta.dirname, '..');
const log = (s: string) => console.error(`[bench:page-firefox] ${s}`);
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt >= 0 ? Math.max(1, Number(process.argv[runsAt + 1]) || 3) : 3;

interface Load {
  /** Sum of the `factlens:` measures: main-thread time Factlens took. */
  total: number;
  longest: number;
  spans: number;
  /** Spans dropped because their flow never ended them (see user-timing.ts): time not counted. */
  leaked: number;
  highlights: number;
  byName: Record<string, number>;
}

interface FirefoxPage {
  page: string;
  bytes: number;
  loads: Load[];
  total: number;
  totalRange: [number, number];
  longest: number;
  leaked: number;
  highlights: number;
  /** The same sum, in Chromium's User Timing build. */
  chromiumSpans: { total: number; totalRange: [number, number]; longest: number; leaked: number };
  chromium: { extraTask: number; extraTaskRange: [number, number] | null; extensionTaskTotal: number; longestExtensionTask: number } | null;
}

async function measureLoad(browser: Browser, url: string, firstHighlightTimeoutMs: number): Promise<Load> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => {});
  if (firstHighlightTimeoutMs) await until(page, `(CSS.highlights.get('factlens-mention')?.size ?? 0) > 0`, firstHighlightTimeoutMs, 50);
  const highlights = await settle(page, 1000);
  const read = (await page.evaluate(`({
    measures: performance.getEntriesByType('measure').filter((e) => e.name.startsWith('factlens:')).map((e) => [e.name, e.duration]),
    leaked: performance.getEntriesByType('mark').filter((e) => e.name.startsWith('factlens-leaked:')).length,
  })`)) as { measures: [string, number][]; leaked: number };
  await page.close();
  const byName: Record<string, number> = {};
  for (const [name, d] of read.measures) byName[name] = (byName[name] ?? 0) + d;
  return {
    total: read.measures.reduce((n, [, d]) => n + d, 0),
    longest: Math.max(0, ...read.measures.map(([, d]) => d)),
    spans: read.measures.length,
    leaked: read.leaked,
    highlights,
    byName,
  };
}

/** The page section's Chromium figures: this run's, else the last full run's. */
function chromiumPages(): { from: string; pages: PageCost[] } | null {
  const out = resolve(import.meta.dirname, 'out/page.json');
  if (existsSync(out)) return { from: 'bench/out/page.json', pages: (JSON.parse(readFileSync(out, 'utf8')) as PageBenchResult).sectionA.bundled };
  const all = resolve(import.meta.dirname, 'results.json');
  const page = existsSync(all) ? (JSON.parse(readFileSync(all, 'utf8')) as { sections?: { page?: PageBenchResult } }).sections?.page : undefined;
  return page ? { from: `bench/results.json (page section of ${page.date.slice(0, 10)})`, pages: page.sectionA.bundled } : null;
}

const ms = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${x.toFixed(x < 10 ? 1 : 0)} ms`);

function markdown(r: { firefox: string; chromiumVersion: string; runs: number; chromiumFrom: string | null; pages: FirefoxPage[] }): string {
  return [
    '## Page cost in Firefox, beside Chromium (User Timing, bundled dataset)',
    '',
    `${r.firefox} and ${r.chromiumVersion}, headless, each with the benchmark's own build (FACTLENS_USER_TIMING=1): each task the content script runs (each scan slice, observer callback, timer, listener and message) is one \`factlens:\` measure, which in both browsers lands in the page's timeline. **Factlens** = the sum of one load's measures, from navigation until the highlight count has been stable for 1 s; median of ${r.runs} loads (min–max). It counts Factlens's own JavaScript only: style, layout and paint that its highlights cause later in the frame are the browser's and are not in it, and it is wall time, so a loaded machine that preempts the thread inflates it. Beside it, the page section's Chromium figures (${r.chromiumFrom ?? 'none found'}): "extra" is all main-thread time with − without; the traced figure counts whole tasks in which the content script ran, and so over-counts.`,
    '',
    '| Page | HTML | Highlights near the viewport (Firefox) | **Factlens, Firefox** (min–max) | longest span | spans / dropped | **Factlens, Chromium** (min–max) | longest span | Page section, Chromium: extra main thread | tasks running the content script (trace) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.pages.map((p) => {
      const c = p.chromium;
      const u = p.chromiumSpans;
      return `| ${p.page} | ${(p.bytes / 1e6).toFixed(2)} MB | ${p.highlights} | **${ms(p.total)}** (${ms(p.totalRange[0])} – ${ms(p.totalRange[1])}) | ${ms(p.longest)} | ${median(p.loads.map((l) => l.spans))} / ${p.leaked} | **${ms(u.total)}** (${ms(u.totalRange[0])} – ${ms(u.totalRange[1])}) | ${ms(u.longest)} | ${c ? `${ms(c.extraTask)}${c.extraTaskRange ? ` (${ms(c.extraTaskRange[0])} – ${ms(c.extraTaskRange[1])})` : ''}` : '–'} | ${c ? ms(c.extensionTaskTotal) : '–'} |`;
    }),
    '',
  ].join('\n');
}

/** Builds the User Timing build for `name`, loads every page RUNS times in it, and sums each load's measures. */
async function measureIn(name: 'chromium' | 'firefox', servers: Servers, newsBytes: number): Promise<{ version: string; pages: Omit<FirefoxPage, 'chromium' | 'chromiumSpans'>[] }> {
  const dir = `.output/user-timing/${name === 'firefox' ? 'firefox-mv2' : 'chrome-mv3'}`;
  log(`building ${dir}`);
  const build = spawnSync(resolve(ROOT, 'node_modules/.bin/wxt'), ['build', ...(name === 'firefox' ? ['-b', 'firefox'] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, FACTLENS_USER_TIMING: '1' },
  });
  if (build.status !== 0) throw new Error(`the User Timing build for ${name} failed (${build.status ?? build.signal})`);
  const lb = await launchWithExtension({ name, headless: true, extensionDir: dir });
  try {
    // Seeded once the first-install tab is open; the first page waits for its first highlight anyway.
    await firstInstallPage(lb);
    const pages: Omit<FirefoxPage, 'chromium' | 'chromiumSpans'>[] = [];
    for (const page of [...REAL_PAGES, NEWS_PAGE]) {
      const loads: Load[] = [];
      // The generated page names someone on its first screen; the real pages may not.
      for (let i = 0; i < RUNS; i++) loads.push(await measureLoad(lb.browser, `${servers.on.url}${page}`, page === NEWS_PAGE ? 60_000 : 0));
      const totals = loads.map((l) => l.total);
      const row = {
        page,
        bytes: page === NEWS_PAGE ? newsBytes : statSync(resolve(REAL_PAGES_DIR, page)).size,
        loads,
        total: median(totals),
        totalRange: [Math.min(...totals), Math.max(...totals)] as [number, number],
        longest: Math.max(...loads.map((l) => l.longest)),
        leaked: loads.reduce((n, l) => n + l.leaked, 0),
        highlights: median(loads.map((l) => l.highlights)),
      };
      log(`${name} ${page}: ${row.total.toFixed(0)} ms (${totals.map((t) => t.toFixed(0)).join(', ')}), ${row.leaked} dropped`);
      pages.push(row);
    }
    return { version: await lb.browser.version(), pages };
  } finally {
    await lb.close();
  }
}

async function main(): Promise<void> {
  const servers = await startServers();
  const news = generatedNewsPage(bundledNames());
  servers.setNewsPage(news.html);
  try {
    const firefox = await measureIn('firefox', servers, news.html.length);
    const chromiumSpans = await measureIn('chromium', servers, news.html.length);
    const chromium = chromiumPages();
    const pages: FirefoxPage[] = firefox.pages.map((row) => {
      const c = chromium?.pages.find((x) => x.page === row.page);
      const u = chromiumSpans.pages.find((x) => x.page === row.page)!;
      return {
        ...row,
        chromiumSpans: { total: u.total, totalRange: u.totalRange, longest: u.longest, leaked: u.leaked },
        chromium: c
          ? {
              extraTask: c.extraTask,
              // Runs before the spread was recorded have none.
              extraTaskRange: (c.extraTaskRange as [number, number] | undefined) ?? null,
              extensionTaskTotal: c.trace.extensionTaskTotal,
              longestExtensionTask: c.trace.longestExtensionTask,
            }
          : null,
      };
    });
    const result = { date: new Date().toISOString(), firefox: firefox.version, chromiumVersion: chromiumSpans.version, runs: RUNS, chromiumFrom: chromium?.from ?? null, pages };
    writeSectionOutput('page-firefox', result, markdown(result));
  } finally {
    await closeServers(servers);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
