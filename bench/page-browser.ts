/**
 * Browser-side helpers for the page benchmark: CDP main-thread metrics, the
 * in-page probes (long tasks, load → first highlight), messages to the
 * background from an extension page, and small statistics.
 */
import type { CDPSession, Page } from 'puppeteer-core';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
export const max = (xs: readonly number[]) => (xs.length ? Math.max(...xs) : NaN);

export interface MainThread {
  /** Wall time of the main thread's tasks, including time it waited for a core. */
  task: number;
  /** CPU time of the main thread: what its own work took. */
  thread: number;
  script: number;
  layout: number;
  style: number;
}
const METRICS: Record<keyof MainThread, string> = { task: 'TaskDuration', thread: 'ThreadTime', script: 'ScriptDuration', layout: 'LayoutDuration', style: 'RecalcStyleDuration' };

/** The renderer's cumulative main-thread times, in ms. */
export async function mainThread(cdp: CDPSession): Promise<MainThread> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { task: get(METRICS.task), thread: get(METRICS.thread), script: get(METRICS.script), layout: get(METRICS.layout), style: get(METRICS.style) };
}
export function minus(a: MainThread, b: MainThread): MainThread {
  return { task: a.task - b.task, thread: a.thread - b.thread, script: a.script - b.script, layout: a.layout - b.layout, style: a.style - b.style };
}

/**
 * Installed before any page script (Page.addScriptToEvaluateOnNewDocument is
 * not subject to the page's CSP): records long tasks, long animation frames
 * with their scripts, `load`, and the first frame with a Factlens highlight.
 */
export const PROBE = `(() => {
  const p = (window.__flBench = { longtasks: [], loafScripts: [], load: null, firstHighlight: null });
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) p.longtasks.push(e.duration); }).observe({ type: 'longtask', buffered: true }); } catch {}
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) for (const s of e.scripts || []) p.loafScripts.push({ url: s.sourceURL || s.invoker || '', duration: s.duration });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  addEventListener('load', () => { p.load = performance.now(); });
  const started = performance.now();
  const poll = () => {
    const h = globalThis.CSS && CSS.highlights && CSS.highlights.get('factlens-mention');
    if (h && h.size > 0) { p.firstHighlight = performance.now(); return; }
    if (performance.now() - started < 30000) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;

export interface ProbeResult {
  longtasks: number[];
  loafScripts: { url: string; duration: number }[];
  load: number | null;
  firstHighlight: number | null;
}
export const readProbe = (page: Page) => page.evaluate('window.__flBench') as Promise<ProbeResult>;

const highlightCount = (page: Page) =>
  page.evaluate(`CSS.highlights.get('factlens-mention')?.size ?? 0`).catch(() => -1) as Promise<number>;

/** Waits until the highlight count has not changed for `stableMs`; returns it. */
export async function settle(page: Page, stableMs = 1000, timeoutMs = 60_000): Promise<number> {
  let last = -2;
  let since = Date.now();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await highlightCount(page);
    if (now !== last) {
      last = now;
      since = Date.now();
    }
    if (Date.now() - since >= stableMs || Date.now() > deadline) return now;
    await sleep(100);
  }
}

/** Sends a message to the background from an extension page; returns its answer. */
export function send(extensionPage: Page, message: unknown): Promise<unknown> {
  return extensionPage.evaluate(`chrome.runtime.sendMessage(${JSON.stringify(message)})`);
}

/** Round trips of `message` from an extension page, timed inside the page (ms each). */
export function timeMessages(extensionPage: Page, messages: readonly unknown[]): Promise<number[]> {
  return extensionPage.evaluate(`(async () => {
    const out = [];
    for (const m of ${JSON.stringify(messages)}) {
      const t = performance.now();
      const answer = await chrome.runtime.sendMessage(m);
      if (answer && answer.ok === false) throw new Error(JSON.stringify(answer).slice(0, 300));
      out.push(performance.now() - t);
    }
    return out;
  })()`) as Promise<number[]>;
}

export async function setSiteEnabled(extensionPage: Page, host: string, enabled: boolean): Promise<void> {
  const answer = (await send(extensionPage, { type: 'setSiteSettings', host, enabled })) as { ok?: boolean } | undefined;
  if (!answer?.ok) throw new Error(`setSiteSettings: ${JSON.stringify(answer)}`);
}

export async function until<T>(page: Page, expression: string, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await page.evaluate(expression).catch(() => undefined);
    if (last) return last as T;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${expression.slice(0, 200)} (last: ${JSON.stringify(last)})`);
}
