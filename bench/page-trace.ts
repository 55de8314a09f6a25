/**
 * One traced load per page (devtools.timeline): the renderer main thread's
 * tasks, and which of them ran Factlens's content script. A task counts as the
 * extension's when an event inside it names a chrome-extension:// URL
 * (FunctionCall, EvaluateScript, a stack trace...). Promise continuations in
 * RunMicrotasks may name no URL, so this can miss some of its tasks.
 */
import type { Browser, Page } from 'puppeteer-core';
import { settle, until } from './page-browser';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: unknown };
}

export interface TraceSummary {
  longestTask: number;
  /** longest main-thread task in which the content script ran */
  longestExtensionTask: number;
  /** tasks over 50 ms in which the content script ran */
  extensionLongTasks: number;
  /** sum of the durations of tasks in which it ran */
  extensionTaskTotal: number;
  /** main-thread time by kind over the load, ms (nested events not subtracted) */
  paint: number;
  layout: number;
  style: number;
  /** sum of all main-thread task durations */
  taskTotal: number;
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'];

/** Waits for the first highlight when `timeoutMs` is set (see measurePage's firstHighlightTimeoutMs). */
async function firstHighlight(page: Page, timeoutMs: number): Promise<void> {
  if (timeoutMs) await until(page, `(CSS.highlights.get('factlens-mention')?.size ?? 0) > 0`, timeoutMs, 50);
}

export async function tracedLoad(browser: Browser, url: string, firstHighlightTimeoutMs = 0): Promise<TraceSummary> {
  const page = await browser.newPage();
  await page.tracing.start({ categories: CATEGORIES });
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => {});
  await firstHighlight(page, firstHighlightTimeoutMs);
  await settle(page, 1000);
  const buffer = await page.tracing.stop();
  await page.close();
  const parsed = JSON.parse(buffer ? Buffer.from(buffer).toString('utf8') : '{"traceEvents":[]}') as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return summarise(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []));
}

function summarise(events: TraceEvent[]): TraceSummary {
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasksBy = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name === 'RunTask' && e.ph === 'X' && mainThreads.has(key)) {
      const list = tasksBy.get(key) ?? [];
      list.push(e);
      tasksBy.set(key, list);
    }
  }
  // The page's main thread: the busiest renderer main thread during the load.
  let key = '';
  let busiest = -1;
  for (const [k, list] of tasksBy) {
    const total = list.reduce((n, e) => n + (e.dur ?? 0), 0);
    if (total > busiest) [key, busiest] = [k, total];
  }
  const tasks = (tasksBy.get(key) ?? []).sort((a, b) => a.ts - b.ts);
  const onThread = events.filter((e) => `${e.pid}:${e.tid}` === key && e.name !== 'RunTask').sort((a, b) => a.ts - b.ts);
  const ext = onThread.filter((e) => JSON.stringify(e.args?.data ?? '').includes('chrome-extension://')).map((e) => e.ts);
  const sum = (names: string[]) => onThread.filter((e) => e.ph === 'X' && names.includes(e.name)).reduce((n, e) => n + (e.dur ?? 0), 0) / 1000;
  let longestTask = 0;
  let longestExtensionTask = 0;
  let extensionLongTasks = 0;
  let extensionTaskTotal = 0;
  let taskTotal = 0;
  let i = 0;
  for (const t of tasks) {
    const d = (t.dur ?? 0) / 1000;
    longestTask = Math.max(longestTask, d);
    taskTotal += d;
    while (i < ext.length && ext[i]! < t.ts) i++;
    if (i < ext.length && ext[i]! <= t.ts + (t.dur ?? 0)) {
      longestExtensionTask = Math.max(longestExtensionTask, d);
      extensionTaskTotal += d;
      if (d > 50) extensionLongTasks++;
    }
  }
  return {
    longestTask,
    longestExtensionTask,
    extensionLongTasks,
    extensionTaskTotal,
    paint: sum(['Paint', 'PrePaint', 'Layerize', 'Commit', 'UpdateLayer', 'PaintImage']),
    layout: sum(['Layout']),
    style: sum(['UpdateLayoutTree', 'RecalculateStyles']),
    taskTotal,
  };
}

export interface ScrollTrace {
  /** Screens scrolled, top to bottom. */
  steps: number;
  /** Longest main-thread task while scrolling. */
  longestTask: number;
  /** Longest of those tasks in which the content script ran. */
  longestExtensionTask: number;
  /** Main-thread time of all tasks while scrolling, and paint within it. */
  taskTotal: number;
  paint: number;
}

/**
 * Loads `url`, lets the overlay settle, then traces scrolling the page top to
 * bottom a screen at a time (longer steps on very long pages), two frames per step, as a reader paging down.
 * Loaded with the site on and off, the difference in longest task is the
 * longest frame Factlens caused.
 */
/** Steps per traced scroll, so that one stays well inside the protocol's timeout. */
const MAX_STEPS = 150;

export async function tracedScroll(browser: Browser, url: string, firstHighlightTimeoutMs = 0): Promise<ScrollTrace> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => {});
  await firstHighlight(page, firstHighlightTimeoutMs);
  await settle(page, 1000);
  await page.tracing.start({ categories: CATEGORIES });
  const steps = (await page.evaluate(`(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    let steps = 0;
    // A screen a step, but at most MAX_STEPS steps: the 5 MB page is over a thousand screens.
    const step = Math.max(innerHeight, Math.ceil(document.documentElement.scrollHeight / ${MAX_STEPS}));
    while (scrollY + innerHeight < document.documentElement.scrollHeight - 1) {
      scrollBy(0, step);
      steps++;
      await frame();
      await frame();
    }
    return steps;
  })()`)) as number;
  const buffer = await page.tracing.stop();
  await page.close();
  const parsed = JSON.parse(buffer ? Buffer.from(buffer).toString('utf8') : '{"traceEvents":[]}') as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const s = summarise(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []));
  return { steps, longestTask: s.longestTask, longestExtensionTask: s.longestExtensionTask, taskTotal: s.taskTotal, paint: s.paint };
}
