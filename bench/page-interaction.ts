/**
 * Section B: interaction and data. Hover → card, rescan after appended
 * paragraphs, seeding on install, importing 100,000 entities, popup search.
 */
import type { Browser, Page } from 'puppeteer-core';
import { BATCH_CHARS, NEAR_BATCH_CHARS } from '../overlay/scan-pipeline';
import { inCardRoot } from '../scripts/lib/card-root';
import { mainThread, max, median, minus, settle, sleep, timeMessages, until } from './page-browser';

/** Pointer rest on a mention → card frame visible, minus the deliberate delay (`delayMs`); `runs` times. */
export async function cardLatency(browser: Browser, url: string, mention: string, delayMs: number, runs = 5): Promise<number[]> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await settle(page, 1500);
  const out: number[] = [];
  // The card is in a closed shadow root that page scripts cannot see, so it is
  // watched from here through CDP: a few ms coarser than a frame callback.
  const shown = async () => (await inCardRoot<boolean>(page, `(root) => { const f = root.querySelector('[role=dialog]'); return !!f && getComputedStyle(f).visibility === 'visible'; }`)) ?? false;
  for (let i = 0; i < runs; i++) {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    while (await shown()) await sleep(20);
    await sleep(400);
    const point = (await page.evaluate(`(() => {
      const h = CSS.highlights.get('factlens-mention');
      const r = [...h].map((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x; })
        .find((r) => r.toString() === ${JSON.stringify(mention)} && r.startContainer.getRootNode() === document);
      if (!r) return null;
      const b = r.getClientRects()[0];
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    })()`)) as { x: number; y: number } | null;
    if (!point) throw new Error(`no highlighted "${mention}"`);
    await page.mouse.move(point.x - 30, point.y - 20);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    const rest = performance.now();
    const deadline = rest + 10_000;
    while (!(await shown())) {
      if (performance.now() > deadline) throw new Error('no card within 10 s');
    }
    out.push(performance.now() - rest - delayMs);
  }
  await page.close();
  return out;
}

export interface Rescan {
  /** append → highlights registered (count up by 100), ms, median */
  registeredMs: number;
  /** highlights the 100 paragraphs added (a few names are shadowed by longer ones) */
  added: number;
  /** TaskDuration from append until settled, with minus without, ms, median */
  extraTask: number;
  withTask: number;
  withoutTask: number;
}

async function appendAndMeasure(browser: Browser, url: string, names: readonly string[], expectHighlights: boolean) {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  const before = await settle(page, 1500);
  const m0 = await mainThread(cdp);
  await page.evaluate(`(() => {
    const names = ${JSON.stringify(names)};
    const probe = (window.__append = { start: performance.now(), done: 0, added: 0 });
    const target = CSS.highlights.get('factlens-mention')?.size ?? 0;
    const frag = document.createDocumentFragment();
    for (let i = 0; i < 100; i++) {
      const p = document.createElement('p');
      p.textContent = 'In other news, ' + names[i % names.length] + ' said the plan would be reviewed (item ' + i + ').';
      frag.append(p);
    }
    document.querySelector('main, article, body').append(frag);
    // The time of the last change of the highlight count: the rescan's highlights are then all registered.
    let last = target;
    const poll = () => {
      const n = CSS.highlights.get('factlens-mention')?.size ?? 0;
      if (n !== last) { last = n; probe.done = performance.now(); probe.added = n - target; }
      if (performance.now() - probe.start < 20000) requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  })()`);
  const after = await settle(page, 1000);
  const task = minus(await mainThread(cdp), m0).task;
  const probe = (await page.evaluate('window.__append')) as { start: number; done: number; added: number };
  await page.close();
  if (expectHighlights && after < before + 50) throw new Error(`rescan: ${before} → ${after} highlights, expected about +100`);
  return { task, registeredMs: probe.done ? probe.done - probe.start : NaN, added: probe.added };
}

export async function rescanCost(browser: Browser, onUrl: string, offUrl: string, names: readonly string[], runs = 3): Promise<Rescan> {
  const on: { task: number; registeredMs: number; added: number }[] = [];
  const off: { task: number }[] = [];
  for (let i = 0; i < runs; i++) {
    off.push(await appendAndMeasure(browser, offUrl, names, false));
    on.push(await appendAndMeasure(browser, onUrl, names, true));
  }
  const withTask = median(on.map((x) => x.task));
  const withoutTask = median(off.map((x) => x.task));
  return { registeredMs: median(on.map((x) => x.registeredMs)), added: median(on.map((x) => x.added)), extraTask: withTask - withoutTask, withTask, withoutTask };
}

/** After a fresh install: ms from the options tab appearing until listDatasets answers with the seeded bundled dataset. */
export async function seedingReady(options: Page): Promise<number> {
  return (await options.evaluate(`(async () => {
    const t = performance.now();
    for (;;) {
      const a = await chrome.runtime.sendMessage({ type: 'listDatasets' }).catch(() => null);
      if (a && a.ok && a.value.length > 0) return performance.now() - t;
      await new Promise((r) => setTimeout(r, 10));
    }
  })()`)) as number;
}

/** Imports `json` through the options page; times (in the page) from the change event to [data-testid=import-done]. */
export async function importDataset(options: Page, json: string): Promise<{ pageMs: number; wallMs: number; done: string }> {
  await options.evaluate((text: string) => {
    (window as unknown as { __json: string }).__json = text;
  }, json);
  const wall = Date.now();
  await options.evaluate(`(() => {
    const probe = (window.__import = { start: 0, done: 0 });
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-testid=import-done]')) { probe.done = performance.now(); obs.disconnect(); }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    const input = document.querySelector('[data-testid=import-file]');
    const files = new DataTransfer();
    files.items.add(new File([window.__json], 'synthetic.json', { type: 'application/json' }));
    input.files = files.files;
    probe.start = performance.now();
    input.dispatchEvent(new Event('change', { bubbles: true }));
  })()`);
  const probe = await until<{ start: number; done: number }>(options, `window.__import.done ? window.__import : null`, 300_000, 100);
  const wallMs = Date.now() - wall;
  const done = (await options.evaluate(`document.querySelector('[data-testid=import-done]').textContent`)) as string;
  await options.evaluate(`delete window.__json`);
  return { pageMs: probe.done - probe.start, wallMs, done };
}

export interface SearchTimes {
  /** input event → results in the DOM (MutationObserver), ms */
  keystroke: number[];
  /** the same, to the next animation frame (painted) */
  painted: number[];
  /** chrome.runtime.sendMessage({type:'search'}) round trips */
  roundTrip: number[];
  results: number[];
}

/** Popup search in a tab: `queries` one at a time, each from an empty box. */
export async function popupSearch(browser: Browser, origin: string, queries: readonly string[]): Promise<SearchTimes> {
  const page = await browser.newPage();
  await page.goto(`${origin}popup.html`, { waitUntil: 'load' });
  await until(page, `!!document.querySelector('[data-testid=search]')`);
  const keystroke: number[] = [];
  const painted: number[] = [];
  const results: number[] = [];
  // Warm up: the first search after start builds the search index.
  await timeMessages(page, [{ type: 'search', query: 'warm' }]);
  for (const q of queries) {
    await page.evaluate(`(() => {
      const input = document.querySelector('[data-testid=search]');
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      set.call(input, '');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    await until(page, `document.querySelectorAll('[data-testid=result]').length === 0`);
    await sleep(50);
    await page.evaluate(`(() => {
      const input = document.querySelector('[data-testid=search]');
      const probe = (window.__search = { start: 0, rendered: 0, painted: 0, results: 0 });
      const check = () => {
        const list = document.querySelector('[role=listbox]');
        const n = document.querySelectorAll('[data-testid=result]').length;
        const none = document.querySelector('[data-testid=search-status]')?.textContent === 'No matches';
        return list && list.getAttribute('aria-busy') === 'false' && (n > 0 || none) ? n : -1;
      };
      new MutationObserver((_, obs) => {
        const n = check();
        if (n < 0) return;
        probe.rendered = performance.now();
        probe.results = n;
        obs.disconnect();
        requestAnimationFrame(() => { probe.painted = performance.now(); });
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      set.call(input, ${JSON.stringify(q)});
      probe.start = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    const p = await until<{ start: number; rendered: number; painted: number; results: number }>(page, `window.__search.painted ? window.__search : null`, 20_000, 20);
    keystroke.push(p.rendered - p.start);
    painted.push(p.painted - p.start);
    results.push(p.results);
  }
  const roundTrip = await timeMessages(page, queries.map((query) => ({ type: 'search', query })));
  await page.close();
  return { keystroke, painted, roundTrip, results };
}

/** scanTexts round trips from an extension page: a short sentence, `runs` times (the background's dictionary, warm). */
export async function scanProbe(extensionPage: Page, text: string, runs = 7): Promise<number[]> {
  return timeMessages(extensionPage, Array.from({ length: runs }, () => ({ type: 'scanTexts', texts: [text] })));
}

export const summary = (xs: readonly number[]) => ({ median: median(xs), max: max(xs), n: xs.length });

/** Request sizes (characters of text) whose sending is timed: overlay/scan-pipeline.ts's two batch sizes, half the smaller and twice it. */
const REQUEST_SIZES = [BATCH_CHARS / 2, BATCH_CHARS, BATCH_CHARS * 2, NEAR_BATCH_CHARS] as const;
/** Rounds of requestCopyCost, each sending every size once. */
export const REQUEST_ROUNDS = 21;

/**
 * The time `runtime.sendMessage` holds the sender's main thread for a scan
 * request of each size in REQUEST_SIZES, before any answer: the copy of its
 * text. Sizes take turns in each round, so their ratios hold under load; each
 * request is answered, and a pause follows, before the next is sent. Returns
 * the median per size, in ms.
 */
export async function requestCopyCost(extensionPage: Page, rounds = REQUEST_ROUNDS): Promise<Record<number, { median: number; nsPerChar: number }>> {
  const times = (await extensionPage.evaluate(`(async () => {
    const words = 'the quick brown fox jumps over a lazy dog while Jack Ma said on Monday in Hangzhou that'.split(' ');
    const text = (length, seed) => {
      const parts = [];
      let n = 0;
      for (let k = seed; n < length; k++) { const w = words[(k * 7 + (k >> 3)) % words.length]; parts.push(w); n += w.length + 1; }
      return parts.join(' ').slice(0, length);
    };
    const sizes = ${JSON.stringify(REQUEST_SIZES)};
    const out = sizes.map(() => []);
    for (let round = 0; round < ${rounds}; round++) {
      for (let s = 0; s < sizes.length; s++) {
        // Paragraphs of a few hundred characters, as pages have.
        const texts = [];
        for (let n = 0; n < sizes[s]; n += 300) texts.push(text(Math.min(300, sizes[s] - n), round * 31 + n));
        await new Promise((ok) => setTimeout(ok, 30));
        const t = performance.now();
        const answer = chrome.runtime.sendMessage({ type: 'scanTexts', texts });
        out[s].push(performance.now() - t);
        const a = await answer;
        if (!a || a.ok !== true) throw new Error(JSON.stringify(a).slice(0, 300));
      }
    }
    return out;
  })()`)) as number[][];
  return Object.fromEntries(REQUEST_SIZES.map((size, i) => [size, { median: median(times[i]!), nsPerChar: (median(times[i]!) * 1e6) / size }]));
}
