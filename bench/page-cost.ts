/**
 * Section A: what Factlens costs a page. Each page is loaded with Factlens on
 * (one server) and off (the same files on a second server whose host is
 * turned off), alternating, in the same browser.
 */
import type { Browser } from 'puppeteer-core';
import { mainThread, max, median, minus, PROBE, readProbe, settle, until, type MainThread } from './page-browser';
import { tracedLoad, tracedScroll, type ScrollTrace, type TraceSummary } from './page-trace';

export interface LoadSample {
  main: MainThread;
  highlights: number;
  /** Longest long task seen by the page (0: none over 50 ms). */
  longestTask: number;
  /** Longest long-animation-frame script attributed to a chrome-extension:// URL (0: none). */
  longestExtensionScript: number;
  /** load → first frame with a highlight, ms (null: none). */
  loadToHighlight: number | null;
  /** load → settled (count stable 1 s, excluded), ms */
  wallMs: number;
}

/** Opens `url` in a fresh tab with the probe installed, waits until the overlay settles, measures, closes. */
export async function measureLoad(browser: Browser, url: string, { firstHighlightTimeoutMs = 0 } = {}): Promise<LoadSample> {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  await page.evaluateOnNewDocument(PROBE);
  const before = await mainThread(cdp);
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => {});
  // A cold automaton can leave the count at 0 for longer than the settle window.
  if (firstHighlightTimeoutMs) await until(page, `(CSS.highlights.get('factlens-mention')?.size ?? 0) > 0`, firstHighlightTimeoutMs, 50);
  const highlights = await settle(page, 1000);
  const wallMs = Date.now() - started - 1000;
  const main = minus(await mainThread(cdp), before);
  const probe = await readProbe(page);
  await page.close();
  return {
    main,
    highlights,
    longestTask: max([0, ...probe.longtasks]),
    longestExtensionScript: max([0, ...probe.loafScripts.filter((s) => s.url.startsWith('chrome-extension://')).map((s) => s.duration)]),
    loadToHighlight: probe.firstHighlight !== null && probe.load !== null ? probe.firstHighlight - probe.load : null,
    wallMs,
  };
}

export interface PageCost {
  page: string;
  bytes: number;
  highlights: number;
  withTask: number;
  withoutTask: number;
  /** median(with) − median(without), TaskDuration */
  extraTask: number;
  /** Spread of the extra over the runs: min and max of with − without, load by load. */
  extraTaskRange: [number, number];
  runs: number;
  /** median(with) − median(without) of the main thread's CPU time (ThreadTime): the part of extraTask that is not waiting for a core */
  extraThread: number;
  withoutThread: number;
  extraScript: number;
  extraLayout: number;
  extraStyle: number;
  longestTaskWith: number;
  longestTaskWithout: number;
  longestExtensionScript: number;
  loadToHighlight: number | null;
  /** One more load with Factlens on, traced: tasks that ran the content script, paint/layout/style. */
  trace: TraceSummary;
  /** The same with the site turned off: what the content script costs just by loading. */
  traceOff: TraceSummary;
  /** Scrolling the settled page top to bottom, traced, with Factlens on and with the site off. */
  scroll: ScrollTrace;
  scrollOff: ScrollTrace;
}

export async function measurePage(
  browser: Browser,
  {
    page,
    bytes,
    onUrl,
    offUrl,
    runs = 3,
    firstHighlightTimeoutMs = 0,
  }: {
    page: string;
    bytes: number;
    onUrl: string;
    offUrl: string;
    runs?: number;
    /**
     * For a page with a mention on its first screen: wait for its first
     * highlight before settling. On a slow load the count can stay 0 for the
     * whole settle window, which ended the measure before the overlay's work.
     */
    firstHighlightTimeoutMs?: number;
  },
): Promise<PageCost> {
  const on: LoadSample[] = [];
  const off: LoadSample[] = [];
  for (let i = 0; i < runs; i++) {
    off.push(await measureLoad(browser, offUrl));
    on.push(await measureLoad(browser, onUrl, { firstHighlightTimeoutMs }));
  }
  const trace = await tracedLoad(browser, onUrl, firstHighlightTimeoutMs);
  const traceOff = await tracedLoad(browser, offUrl);
  const scroll = await tracedScroll(browser, onUrl, firstHighlightTimeoutMs);
  const scrollOff = await tracedScroll(browser, offUrl);
  const pairs = on.map((x, i) => x.main.task - off[i]!.main.task);
  const m = (xs: LoadSample[], k: keyof MainThread) => median(xs.map((x) => x.main[k]));
  const hl = on.map((x) => x.loadToHighlight).filter((x): x is number => x !== null);
  return {
    page,
    bytes,
    highlights: median(on.map((x) => x.highlights)),
    withTask: m(on, 'task'),
    withoutTask: m(off, 'task'),
    extraTask: m(on, 'task') - m(off, 'task'),
    extraTaskRange: [Math.min(...pairs), Math.max(...pairs)],
    runs,
    extraThread: m(on, 'thread') - m(off, 'thread'),
    withoutThread: m(off, 'thread'),
    extraScript: m(on, 'script') - m(off, 'script'),
    extraLayout: m(on, 'layout') - m(off, 'layout'),
    extraStyle: m(on, 'style') - m(off, 'style'),
    longestTaskWith: max(on.map((x) => x.longestTask)),
    longestTaskWithout: max(off.map((x) => x.longestTask)),
    longestExtensionScript: max(on.map((x) => x.longestExtensionScript)),
    loadToHighlight: hl.length ? median(hl) : null,
    trace,
    traceOff,
    scroll,
    scrollOff,
  };
}
