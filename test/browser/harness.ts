import type { Page } from 'puppeteer-core';
import {
  BROWSERS,
  firstInstallPage as firstInstallTab,
  launchWithExtension as launch,
  type BrowserName,
  type LaunchedBrowser,
} from '../../scripts/lib/launch-browser';

export { BROWSERS, type BrowserName };

export interface ExtensionBrowser extends LaunchedBrowser {
  /** Console errors and uncaught exceptions from every watched page. */
  errors: string[];
  /**
   * The errors that came from Factlens itself: logged by its content script
   * or pages, or thrown from its code. A saved real-world page also logs its
   * own failures (offline resources, blocked scripts); those are not ours.
   */
  extensionErrors(): string[];
}

/** The built extension in a headless browser (see scripts/lib/launch-browser.ts). */
export async function launchWithExtension(
  name: BrowserName,
  { firefoxPrefs, lang }: { firefoxPrefs?: Record<string, string | number | boolean>; lang?: string } = {},
): Promise<ExtensionBrowser> {
  const launched = await launch({ name, headless: true, lang, ...(firefoxPrefs ? { firefoxPrefs } : {}) });
  const errors: string[] = [];
  const ours = (e: string) => e.includes(launched.origin) || e.includes('/content-scripts/') || /factlens/i.test(e);
  return { ...launched, errors, extensionErrors: () => errors.filter(ours) };
}

/**
 * The options tab the extension opens on first install: in Firefox the only
 * way in to the extension's pages (see launchWithExtension). Its errors are
 * recorded into eb.errors.
 */
export async function firstInstallPage(eb: ExtensionBrowser): Promise<Page> {
  const page = await firstInstallTab(eb);
  watchErrors(eb, page);
  return page;
}

/** Records a page's console errors (with where they were logged) and uncaught exceptions into eb.errors. */
export function watchErrors(eb: ExtensionBrowser, page: Page): void {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location().url ?? '';
    eb.errors.push(`${page.url()}: console.error: ${msg.text()}${where ? ` (at ${where})` : ''}`);
  });
  page.on('pageerror', (error) => eb.errors.push(`${page.url()}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
}

/**
 * Goes to `url` and waits for its load event. Under WebDriver BiDi, Firefox
 * now and then loads a page without puppeteer seeing its load event, and
 * goto() waited out its whole timeout (a CI failure): a document at that URL
 * that has finished loading has arrived, whatever the event did.
 */
export async function loadPage(page: Page, url: string): Promise<void> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  } catch (error) {
    const arrived = await page
      .evaluate(`location.href === ${JSON.stringify(new URL(url).href)} && document.readyState === 'complete'`)
      .catch(() => false);
    if (arrived !== true) throw error;
  }
}

/** Opens a page and records its console errors and uncaught exceptions into eb.errors. */
export async function openPage(eb: ExtensionBrowser, url: string): Promise<Page> {
  const page = await eb.browser.newPage();
  watchErrors(eb, page);
  await loadPage(page, url);
  return page;
}

/**
 * Brings a tab to the front and waits until its document has the focus, as
 * a reader's click on the tab gives it: keys go to the focused tab, and the
 * first-install options tab, or a screenshot of another tab, may take the
 * focus a moment after it was given elsewhere.
 */
export async function focusTab(page: Page, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.bringToFront();
    if ((await page.evaluate('document.hasFocus()').catch(() => false)) === true) return;
    if (Date.now() > deadline) throw new Error(`${page.url()} did not get the focus`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
