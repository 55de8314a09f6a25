import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

const ROOT = resolve(import.meta.dirname, '../..');
const GECKO_ID = 'factlens@factlens.dev';
// Firefox gives each install a random extension UUID; pinning it makes the
// extension's pages addressable, as Chrome's id already is.
const FIREFOX_UUID = '0b5e5f6e-2d4c-4f7a-9a51-6f2d5c1e7a10';

export interface ExtensionBrowser {
  name: BrowserName;
  browser: Browser;
  /** e.g. chrome-extension://<id>/ or moz-extension://<uuid>/ */
  origin: string;
  /** Console errors and uncaught exceptions from every page opened with openPage. */
  errors: string[];
  close(): Promise<void>;
}

export async function launchWithExtension(name: BrowserName): Promise<ExtensionBrowser> {
  let browser: Browser;
  let origin: string;
  let profile: string | undefined;
  if (name === 'chromium') {
    browser = await puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      pipe: true,
      enableExtensions: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const id = await browser.installExtension(resolve(ROOT, '.output/chrome-mv3'));
    origin = `chrome-extension://${id}/`;
  } else {
    // Installed through the profile rather than browser.installExtension():
    // Firefox's WebDriver BiDi refuses to navigate to moz-extension:// URLs,
    // and only a profile install lets the extension's own first-install tab
    // appear to BiDi, giving tests an extension page to start from.
    profile = mkdtempSync(join(tmpdir(), 'factlens-firefox-'));
    mkdirSync(join(profile, 'extensions'));
    writeFileSync(join(profile, 'extensions', GECKO_ID), `${resolve(ROOT, '.output/firefox-mv2')}/`);
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: '/usr/bin/firefox-esr',
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: {
        'xpinstall.signatures.required': false,
        'extensions.autoDisableScopes': 0,
        'extensions.enabledScopes': 15,
        'extensions.startupScanScopes': 15,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      },
    });
    origin = `moz-extension://${FIREFOX_UUID}/`;
  }
  return {
    name,
    browser,
    origin,
    errors: [],
    close: async () => {
      await browser.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The options tab the extension opens on first install: in Firefox the only
 * way in to the extension's pages (see launchWithExtension).
 */
export async function firstInstallPage(eb: ExtensionBrowser): Promise<Page> {
  const target = await eb.browser.waitForTarget((t) => t.url().startsWith(`${eb.origin}options.html`), { timeout: 20_000 });
  const page = await target.page();
  if (!page) throw new Error('the first-install options tab has no page');
  watchErrors(eb, page);
  return page;
}

function watchErrors(eb: ExtensionBrowser, page: Page): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error') eb.errors.push(`${page.url()}: console.error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => eb.errors.push(`${page.url()}: ${String(error)}`));
}

/** Opens a page and records its console errors and uncaught exceptions into eb.errors. */
export async function openPage(eb: ExtensionBrowser, url: string): Promise<Page> {
  const page = await eb.browser.newPage();
  watchErrors(eb, page);
  await page.goto(url, { waitUntil: 'load' });
  return page;
}
