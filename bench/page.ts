import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { firstInstallPage, launchWithExtension } from '../scripts/lib/launch-browser';
/**
 * The page benchmark: what Factlens costs real pages and how fast it answers,
 * in Chromium with the built extension (.output/chrome-mv3; run `npm run build`
 * first). Writes bench/out/page.json and bench/out/page.md and prints them.
 *
 *   tsx bench/page.ts [--runs N]
 */
import { REAL_PAGES_DIR } from '../scripts/lib/real-pages';
import { syntheticDataset } from '../scripts/lib/synthetic-dataset';
import { send, setSiteEnabled } from './page-browser';
import { measureLoad, measurePage, type LoadSample, type PageCost } from './page-cost';
import { bundledNames, closeServers, generatedNewsPage, NEWS_PAGE, REAL_PAGES, startServers, type Servers } from './page-fixtures';
import { cardLatency, importDataset, popupSearch, requestCopyCost, rescanCost, scanProbe, seedingReady, summary } from './page-interaction';
import { renderMarkdown, type PageBenchResult } from './page-report';

const OUT = resolve(import.meta.dirname, 'out');
const log = (s: string) => console.error(`[bench:page] ${s}`);
const runsAt = process.argv.indexOf('--runs');
/** Loads per page with and without Factlens; each figure is their median. */
const RUNS = runsAt >= 0 ? Math.max(1, Number(process.argv[runsAt + 1]) || 3) : 3;

async function sectionA(browser: Parameters<typeof measurePage>[0], servers: Servers, newsBytes: number): Promise<PageCost[]> {
  const out: PageCost[] = [];
  for (const page of [...REAL_PAGES, NEWS_PAGE]) {
    const bytes = page === NEWS_PAGE ? newsBytes : statSync(resolve(REAL_PAGES_DIR, page)).size;
    const cost = await measurePage(browser, { page, bytes, onUrl: `${servers.on.url}${page}`, offUrl: `${servers.off.url}${page}`, runs: RUNS,
      // The generated page names someone on its first screen; the real pages may not.
      firstHighlightTimeoutMs: page === NEWS_PAGE ? 60_000 : 0,
    });
    log(`${page}: +${cost.extraTask.toFixed(0)} ms task, ${cost.highlights} highlights, load→highlight ${cost.loadToHighlight?.toFixed(0)} ms, trace ${JSON.stringify(cost.trace)}`);
    out.push(cost);
  }
  return out;
}

async function main(): Promise<void> {
  const started = Date.now();
  const servers = await startServers();
  const bundled = bundledNames();
  const bundledNews = generatedNewsPage(bundled);
  servers.setNewsPage(bundledNews.html);

  // Seeding: browser start + install, then the background answering listDatasets.
  const t0 = Date.now();
  const lb = await launchWithExtension({ name: 'chromium', headless: true });
  const launchMs = Date.now() - t0;
  const options = await firstInstallPage(lb);
  const tabMs = Date.now() - t0;
  const seedMs = await seedingReady(options);
  const seeding = { launchAndInstallMs: launchMs, optionsTabMs: tabMs, listDatasetsReadyMs: seedMs, totalMs: Date.now() - t0 };
  log(`seeding: ${JSON.stringify(seeding)}`);
  const browser = lb.browser;

  try {
    const appearance = (await send(options, { type: 'getAppearance' })) as { value?: { cardDelayMs?: number } };
    const delayMs = appearance.value?.cardDelayMs ?? 300;
    for (const s of [servers.off, servers.fixturesOff]) await setSiteEnabled(options, new URL(s.url).host, false);

    log('section B: card latency, rescan (bundled dataset)');
    const card = await cardLatency(browser, `${servers.fixtures.url}news-rules.html`, 'Daniel Zhang', delayMs);
    const rescan = await rescanCost(browser, `${servers.fixtures.url}news-rules.html`, `${servers.fixturesOff.url}news-rules.html`, bundled);

    log('section A: bundled dataset');
    const costBundled = await sectionA(browser, servers, bundledNews.html.length);
    const scanBundled = await scanProbe(options, 'Yesterday Jack Ma visited Changsha with Daniel Zhang.');
    log('scan requests: the cost of sending one, by size');
    const requestCopy = await requestCopyCost(options);

    log('importing 100,000 entities');
    const dataset = syntheticDataset({ count: 100_000, id: 'synthetic' });
    const json = JSON.stringify(dataset);
    const imported = await importDataset(options, json);
    log(`import: ${imported.pageMs.toFixed(0)} ms (${imported.done})`);

    const synthNames = dataset.entities.map((e) => e.name);
    // Realistic: mostly the synthetic names, some bundled ones.
    const bigNews = generatedNewsPage([...synthNames.filter((_, i) => i % 50 === 0), ...bundled]);
    servers.setNewsPage(bigNews.html);
    log('section A: 100k, first page after import');
    const first: LoadSample = await measureLoad(browser, `${servers.on.url}${NEWS_PAGE}`, { firstHighlightTimeoutMs: 120_000 });
    log('section A: 100k, warm');
    const costBig = await sectionA(browser, servers, bigNews.html.length);
    const scanBig = await scanProbe(options, 'Yesterday Jack Ma visited Changsha with Daniel Zhang.');

    log('popup search at 100k');
    const queries = [
      ...[7, 1234, 50_000, 77_777, 99_998].map((i) => dataset.entities[i]!.name),
      ...[42, 4242, 60_000].map((i) => dataset.entities[i]!.name.toLowerCase()),
      ...[11, 31_000, 88_000].map((i) => dataset.entities[i]!.name.slice(0, 6)),
      'zhang', 'wang wei', 'hangzhou', 'steel group', 'jack ma', 'alibba', '阿里', '张伟', 'ma yun',
    ];
    const search = await popupSearch(browser, lb.origin, queries);

    const result: PageBenchResult = {
      date: new Date().toISOString(),
      chromium: await browser.version(),
      cardDelayMs: delayMs,
      newsPage: { bundled: { bytes: bundledNews.html.length, mentions: bundledNews.mentions }, big: { bytes: bigNews.html.length, mentions: bigNews.mentions } },
      sectionA: { bundled: costBundled, big: costBig, firstAfterImport: first },
      scanProbe: { bundled: summary(scanBundled), big: summary(scanBig), firstPageLoadToHighlight: first.loadToHighlight },
      requestCopy,
      sectionB: {
        card: summary(card),
        cardRuns: card,
        rescan,
        seeding,
        import: { ...imported, bytes: json.length },
        search: {
          keystroke: summary(search.keystroke),
          painted: summary(search.painted),
          roundTrip: summary(search.roundTrip),
          queries,
          results: search.results,
        },
      },
      totalMs: Date.now() - started,
    };
    mkdirSync(OUT, { recursive: true });
    writeFileSync(resolve(OUT, 'page.json'), `${JSON.stringify(result, null, 2)}\n`);
    const md = renderMarkdown(result);
    writeFileSync(resolve(OUT, 'page.md'), md);
    console.log(md);
  } finally {
    await lb.close();
    await closeServers(servers);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
