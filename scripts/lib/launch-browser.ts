import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findBrowsers, requireBrowser, type BrowserName } from './find-browser';

/**
 * Launches a Chromium-based browser (Chromium, Google Chrome, Edge) or Firefox
 * with the built extension (.output/chrome-mv3 or .output/firefox-mv2)
 * installed, wherever find-browser.ts finds one. Used by the browser tests
 * (test/browser/harness.ts), `npm start` and the benchmarks.
 */
export type { BrowserName };
/** The kinds of browser installed on this machine: the browser tests run in each. */
export const BROWSERS: readonly BrowserName[] = findBrowsers().map((b) => b.name);

const ROOT = resolve(import.meta.dirname, '../..');
const GECKO_ID = 'factlens@factlens.dev';
// Firefox gives each install a random extension UUID; pinning it makes the
// extension's pages addressable, as Chrome's id already is.
const FIREFOX_UUID = '0b5e5f6e-2d4c-4f7a-9a51-6f2d5c1e7a10';

export interface LaunchedBrowser {
  name: BrowserName;
  /** The executable launched, e.g. /usr/bin/chromium. */
  executablePath: string;
  browser: Browser;
  /** e.g. chrome-extension://<id>/ or moz-extension://<uuid>/ */
  origin: string;
  /** Closes the browser and removes its temporary profile. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  name: BrowserName;
  headless: boolean;
  /** The page size; puppeteer's default (800×600) when left out. null: the window's own size. */
  viewport?: { width: number; height: number } | null;
  /**
   * Whether puppeteer closes the browser and exits the process on SIGINT,
   * SIGTERM and SIGHUP (its default; true unless false). Pass false to
   * handle those signals yourself, and close() the browser then.
   */
  handleSignals?: boolean;
  /** More Firefox preferences, such as a colour scheme a test needs (Firefox's BiDi cannot emulate media features). */
  firefoxPrefs?: Record<string, string | number | boolean>;
  /** The browser's UI language (a BCP 47 tag such as zh-CN), which picks the extension's _locales; the system's when left out. */
  lang?: string;
  /** The built extension to install, relative to the repository; .output/chrome-mv3 or .output/firefox-mv2 when left out. */
  extensionDir?: string;
}

export async function launchWithExtension({ name, headless, viewport, handleSignals = true, firefoxPrefs = {}, lang, extensionDir }: LaunchOptions): Promise<LaunchedBrowser> {
  let browser: Browser;
  let origin: string;
  let profile: string | undefined;
  const { path: executablePath } = requireBrowser(name);
  const common = {
    headless,
    handleSIGINT: handleSignals,
    handleSIGTERM: handleSignals,
    handleSIGHUP: handleSignals,
    ...(viewport === undefined ? {} : { defaultViewport: viewport }),
  };
  if (name === 'chromium') {
    // Branded Chrome (since 137) ignores --load-extension; it loads unpacked
    // extensions only through CDP's Extensions.loadUnpacked, which needs the
    // pipe transport and --enable-unsafe-extension-debugging (added by
    // enableExtensions). browser.installExtension() sends that command.
    browser = await puppeteer.launch({
      ...common,
      executablePath,
      pipe: true,
      enableExtensions: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        ...(lang === undefined ? [] : [`--lang=${lang}`]),
      ],
      // Chromium on Linux takes its UI language from the environment; --lang alone is not enough.
      ...(lang === undefined ? {} : { env: { ...process.env, LANGUAGE: lang.replace('-', '_') } }),
    });
    const id = await browser.installExtension(resolve(ROOT, extensionDir ?? '.output/chrome-mv3'));
    origin = `chrome-extension://${id}/`;
  } else {
    // Installed through the profile rather than browser.installExtension():
    // Firefox's WebDriver BiDi refuses to navigate to moz-extension:// URLs,
    // and only a profile install lets the extension's own first-install tab
    // appear to BiDi, giving tests an extension page to start from.
    profile = mkdtempSync(join(tmpdir(), 'factlens-firefox-'));
    mkdirSync(join(profile, 'extensions'));
    writeFileSync(join(profile, 'extensions', GECKO_ID), `${resolve(ROOT, extensionDir ?? '.output/firefox-mv2')}/`);
    browser = await puppeteer.launch({
      browser: 'firefox',
      ...common,
      executablePath,
      userDataDir: profile,
      extraPrefsFirefox: {
        'xpinstall.signatures.required': false,
        'extensions.autoDisableScopes': 0,
        'extensions.enabledScopes': 15,
        'extensions.startupScanScopes': 15,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        ...firefoxPrefs,
        ...(lang === undefined ? {} : { 'intl.locale.requested': lang }),
      },
    });
    origin = `moz-extension://${FIREFOX_UUID}/`;
  }
  return {
    name,
    executablePath,
    browser,
    origin,
    close: async () => {
      await browser.close();
      // Firefox's child processes may still be writing to the profile for a moment after close().
      if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

/**
 * The options tab the extension opens on first install: in Firefox the only
 * way in to the extension's pages (see launchWithExtension).
 */
export async function firstInstallPage(lb: Pick<LaunchedBrowser, 'browser' | 'origin'>): Promise<Page> {
  // The tab opens once the extension is installed and started: seconds, many more on a loaded two-core machine.
  const target = await lb.browser.waitForTarget((t) => t.url().startsWith(`${lb.origin}options.html`), { timeout: 60_000 }).catch((error: unknown) => {
    // Says what was open instead, since "timed out" alone cannot tell a missing tab from a slow one.
    const open = lb.browser.targets().map((t) => `${t.type()} ${t.url()}`);
    throw new Error(`the first-install options tab did not open; open targets: ${open.join(', ') || 'none'}`, { cause: error });
  });
  const page = await target.page();
  if (!page) throw new Error('the first-install options tab has no page');
  return page;
}
