/**
 * Pages and names for the page benchmark (bench/page.ts): a generated ~5 MB
 * news page, deterministic, with names at a realistic density, and the
 * static servers that serve it, the saved real pages and the test fixtures.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NO_PAGE_SCRIPTS, REAL_PAGES_DIR } from '../scripts/lib/real-pages';
import { startStaticServer, type StaticServer } from '../scripts/lib/static-server';
import { seededRandom } from '../scripts/lib/synthetic-dataset';
import type { Dataset } from '../src/dataset/schema';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES_DIR = resolve(ROOT, 'test/browser/fixtures');
export const REAL_PAGES = ['guardian-1.html', 'yahoo-2.html', 'wikipedia-2.html', 'nytimes-2.html'];
export const NEWS_PAGE = 'generated-news.html';

/**
 * Page scripts and off-host loads blocked, as in test/browser/real-pages.test.ts:
 * the DOM is the parsed HTML, so any difference between loads is Factlens's.
 */

/** Full names (never contextual short forms) of the bundled dataset's people and organizations. */
export function bundledNames(): string[] {
  const dataset = JSON.parse(readFileSync(resolve(ROOT, 'assets/dataset.json'), 'utf8')) as Dataset;
  return dataset.entities.filter((e) => e.type !== 'place').map((e) => e.name);
}

const FILLER = [
  'officials said the plan would be reviewed before the end of the quarter',
  'the announcement came after weeks of speculation among investors and analysts',
  'local residents gathered outside the hall to hear the results of the vote',
  'a spokesperson declined to comment on the details of the agreement',
  'the company reported higher revenue but warned of slower growth next year',
  'critics argued that the measures did not go far enough to address the problem',
  'the meeting ended without a joint statement, according to people familiar with it',
  'shares rose sharply in early trading before giving up most of their gains',
  'the ministry said it would publish further guidance in the coming months',
  'several schools in the province have already adopted the new curriculum',
];

/**
 * About `targetBytes` of article markup: paragraphs of 3–6 filler sentences,
 * about one name in three sentences, drawn from `names` (the same for a
 * given seed). Returns the page and how many names it placed.
 */
export function generatedNewsPage(names: readonly string[], { targetBytes = 5_000_000, seed = 7 } = {}): { html: string; mentions: number } {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const parts: string[] = [];
  let size = 0;
  let mentions = 0;
  let n = 0;
  while (size < targetBytes) {
    if (n % 12 === 0) parts.push(`<h2>Section ${n / 12 + 1}: the week in review</h2>`);
    const sentences: string[] = [];
    const count = 3 + Math.floor(rnd() * 4);
    for (let i = 0; i < count; i++) {
      let s = pick(FILLER);
      if (rnd() < 0.33) {
        s = `${pick(names)} said ${s}`;
        mentions++;
      }
      sentences.push(`${s[0]!.toUpperCase() + s.slice(1)  }.`);
    }
    const p = `<p>${sentences.join(' ')}</p>`;
    parts.push(p);
    size += p.length;
    n++;
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Generated news</title>
<style>body { font: 16px/1.5 Georgia, serif; max-width: 40rem; margin: 2rem auto; }</style></head>
<body><main><article><h1>The generated times</h1>
${parts.join('\n')}
</article></main></body></html>`;
  return { html, mentions };
}

export interface Servers {
  /** Real pages + the generated page; Factlens on. */
  on: StaticServer;
  /** The same files on another port, with Factlens turned off for it. */
  off: StaticServer;
  /** test/browser/fixtures (news-rules.html), no CSP: its own script adds a shadow root. */
  fixtures: StaticServer;
  fixturesOff: StaticServer;
  /** Replaces the generated page (bundled names → bundled + synthetic names). */
  setNewsPage(html: string): void;
}

/**
 * Served as localhost: a site's setting covers every port of its host, so
 * the copy Factlens is turned off for needs a host of its own.
 */
function offHost(server: StaticServer): StaticServer {
  return { ...server, url: server.url.replace('127.0.0.1', 'localhost') };
}

export async function startServers(): Promise<Servers> {
  const files = new Map<string, string>();
  const on = await startStaticServer({ files, dir: REAL_PAGES_DIR, headers: NO_PAGE_SCRIPTS });
  const off = offHost(await startStaticServer({ files, dir: REAL_PAGES_DIR, headers: NO_PAGE_SCRIPTS }));
  const fixtures = await startStaticServer({ dir: FIXTURES_DIR });
  const fixturesOff = offHost(await startStaticServer({ dir: FIXTURES_DIR }));
  return { on, off, fixtures, fixturesOff, setNewsPage: (html) => files.set(`/${NEWS_PAGE}`, html) };
}

export async function closeServers(s: Servers): Promise<void> {
  await Promise.all([s.on.close(), s.off.close(), s.fixtures.close(), s.fixturesOff.close()]);
}
