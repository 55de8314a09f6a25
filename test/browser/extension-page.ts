import type { Page } from 'puppeteer-core';
import { loadPage, type ExtensionBrowser } from './harness';

/**
 * Shows an extension page in `page`. Chromium lets puppeteer navigate there.
 * Firefox's BiDi refuses moz-extension:// URLs, so the page (already one of
 * ours) navigates itself; BiDi then keeps stale handles, so callers read and
 * drive the new document with evaluate() and the keyboard only.
 */
export async function showExtensionPage(eb: ExtensionBrowser, page: Page, path: string): Promise<void> {
  const url = `${eb.origin}${path}`;
  if (eb.name === 'chromium') {
    await loadPage(page, url);
    return;
  }
  // Marks the old document, so that going to the same URL again is not
  // mistaken for having arrived before the new document replaces it.
  await page.evaluate(`window.__factlensLeaving = true; location.href = ${JSON.stringify(url)}`);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const ready = await page
      .evaluate(`!window.__factlensLeaving && location.href === ${JSON.stringify(new URL(url).href)} && document.readyState === 'complete'`)
      .catch(() => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} did not load`);
}

/**
 * Polls an expression in the page until it is truthy; returns its value.
 * Make it a boolean or a string: Firefox's BiDi returns DOM nodes as undefined.
 */
export async function until<T>(page: Page, expression: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await page.evaluate(expression).catch((e: Error) => {
      if (process.env.FACTLENS_DEBUG) console.log('evaluate failed:', e.message.slice(0, 200));
      return undefined;
    });
    if (last) return last as T;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${expression} (last: ${JSON.stringify(last)})`);
}

/**
 * Waits until the content script of the tab serving `host` answers
 * getPageInfo with `info` such that `test` (a JavaScript expression over
 * `info`) holds, and returns that tab's id.
 */
export function untilPageInfo(extensionPage: Page, host: string, test = 'true', timeoutMs?: number): Promise<number> {
  return until<number>(
    extensionPage,
    `(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      for (const tab of await api.tabs.query({})) {
        const info = await api.tabs.sendMessage(tab.id, { type: 'getPageInfo' }, { frameId: 0 }).catch(() => null);
        if (info?.host === ${JSON.stringify(host)} && (${test})) return tab.id;
      }
      return 0;
    })()`,
    timeoutMs,
  );
}

/** The tab id of the page served from `host`, found by asking every tab's content script. */
export function tabIdForHost(extensionPage: Page, host: string): Promise<number> {
  return untilPageInfo(extensionPage, host);
}

/** Puts a file into a file input and fires change, as choosing it in the dialog would. Bytes go as they are, so they need not be UTF-8. */
export async function chooseFile(page: Page, selector: string, name: string, contents: string | Uint8Array): Promise<void> {
  const part =
    typeof contents === 'string'
      ? JSON.stringify(contents)
      : `Uint8Array.from(atob(${JSON.stringify(Buffer.from(contents).toString('base64'))}), (c) => c.charCodeAt(0))`;
  await chooseGeneratedFile(page, selector, name, `[${part}]`);
}

/** Waits until the options page lists the datasets: its import control works only after that. */
export async function datasetsListed(options: Page, timeoutMs = 20_000): Promise<void> {
  await until(options, `document.querySelector('[data-testid=datasets] tr[data-dataset]') !== null`, timeoutMs);
}

/** Imports a file through the options page's file control, as the reader does, and returns the summary the page then shows. */
export async function importFile(options: Page, name: string, contents: string | Uint8Array, timeoutMs?: number): Promise<string> {
  await chooseFile(options, '[data-testid=import-file]', name, contents);
  return until<string>(options, `document.querySelector('[data-testid=import-done]')?.textContent`, timeoutMs);
}

/**
 * Like chooseFile, but the file's parts (a BlobPart[]) are made by `parts`, an
 * expression evaluated in the page: files of tens of megabytes are built
 * there rather than sent through the protocol, which is slow in Firefox's BiDi.
 */
export async function chooseGeneratedFile(page: Page, selector: string, name: string, parts: string): Promise<void> {
  await page.evaluate(
    `(() => {
      const input = document.querySelector(${JSON.stringify(selector)});
      const files = new DataTransfer();
      files.items.add(new File(${parts}, ${JSON.stringify(name)}, { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    })()`,
  );
}

/**
 * Turns off an imported dataset's private setting with its switch on the
 * options page, so its names go into CSS.highlights, where a test reads
 * them as the page would.
 */
export async function makeDatasetPublic(options: Page, id: string): Promise<void> {
  const toggle = `document.querySelector('[data-testid=datasets] tr[data-dataset="${id}"] [data-testid=dataset-private]')`;
  await until(options, `${toggle}?.getAttribute('aria-checked') === 'true'`);
  await options.evaluate(`${toggle}.click()`);
  await until(options, `${toggle}?.getAttribute('aria-checked') === 'false'`);
}
