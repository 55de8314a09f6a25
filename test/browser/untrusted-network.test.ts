import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { CDPSession, HTTPRequest, Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { chooseFile, datasetsListed, makeDatasetPublic, showExtensionPage, tabIdForHost, until } from './extension-page';
import { BROWSERS, firstInstallPage, launchWithExtension, openPage, type ExtensionBrowser } from './harness';
import { clickInCard, hoverMention, waitForCard, waitForHighlights, waitForTab } from './overlay-page';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const USER_DATASET = readFileSync(resolve(FIXTURES, 'user-dataset.json'), 'utf8');

/** The extension's own files, and URLs that never reach the network. */
const LOCAL = /^(chrome-extension|moz-extension|data|blob|about|chrome):/;

/**
 * Records every request any page makes, from page load to content script to
 * extension page, plus (in Chromium) the service worker's, through CDP.
 * Firefox's BiDi shows the requests of tabs only, and not moz-extension://
 * loads: its MV2 background page is no browsing context. There the manifest's
 * connect-src 'none', shown below to block a request in both browsers, is
 * what keeps the extension's pages and background off the network.
 */
function recordRequests(eb: ExtensionBrowser): string[] {
  const seen: string[] = [];
  const watched = new Set<string>();
  const watchPage = (page: Page) => page.on('request', (r: HTTPRequest) => seen.push(r.url()));
  const watchWorker = async (target: Target) => {
    const cdp: CDPSession = await target.createCDPSession();
    cdp.on('Network.requestWillBeSent', (e: { request: { url: string } }) => seen.push(e.request.url));
    await cdp.send('Network.enable');
  };
  const watch = async (target: Target) => {
    const key = `${target.type()} ${target.url()} ${watched.size}`;
    watched.add(key);
    if (target.type() === 'page') {
      const page = await target.page().catch(() => null);
      if (page) watchPage(page);
    } else if (target.type() === 'service_worker' && target.url().startsWith(eb.origin)) {
      await watchWorker(target).catch(() => {});
    }
  };
  eb.browser.on('targetcreated', (t: Target) => void watch(t));
  for (const t of eb.browser.targets()) void watch(t);
  return seen;
}

describe.each(BROWSERS)('%s: no network', (name) => {
  let eb: ExtensionBrowser;
  let server: StaticServer;
  let requests: string[];
  const loaded: string[] = [];
  /** The test's own page loads, with their subresources: the page's traffic, not Factlens's. */
  const load = async (path: string, subresources: string[] = []) => {
    loaded.push(...[path, ...subresources].map((p) => `${server.url}${p}`));
    return openPage(eb, `${server.url}${path}`);
  };

  beforeAll(async () => {
    server = await startStaticServer({ dir: FIXTURES });
    eb = await launchWithExtension(name);
    requests = recordRequests(eb);
  });
  afterAll(async () => {
    await eb?.close();
    await server?.close();
  });

  it('Factlens makes no request through its main flows: install, highlights, card, viewer, popup search, import', async () => {
    const options = await firstInstallPage(eb);
    await datasetsListed(options);

    const news = await load('news-rules.html', ['frame.html']);
    await until(news, `CSS.highlights.get('factlens-mention')?.size > 5`);
    // The control: a request the page itself makes is seen, so silence below means something.
    await news.evaluate(`fetch('/imported.html?control').catch(() => {})`);
    await expect.poll(() => requests.some((u) => u.endsWith('/imported.html?control'))).toBe(true);
    loaded.push(`${server.url}imported.html?control`);

    await hoverMention(news, 'Jack Ma');
    expect(await waitForCard(news, (t) => t?.includes('Jack Ma') ?? false)).toContain('Jack Ma');
    await clickInCard(news, '.fl-excerpt');
    const viewer = await waitForTab(eb.browser, 'viewer.html');
    await until(viewer, `document.querySelector('[data-testid=excerpt]') !== null`);

    const tab = await tabIdForHost(options, new URL(server.url).host);
    await showExtensionPage(eb, options, `popup.html?tab=${tab}`);
    await until(options, `document.activeElement?.getAttribute('data-testid') === 'search'`);
    await options.keyboard.type('zhang');
    await until(options, `document.querySelectorAll('[data-testid=result]').length >= 3`);

    await showExtensionPage(eb, options, 'options.html');
    await datasetsListed(options);
    await chooseFile(options, '[data-testid=import-file]', 'user-dataset.json', USER_DATASET);
    await until(options, `document.querySelector('[data-testid=import-done]') !== null`);
    await makeDatasetPublic(options, 'test-imports');
    const imported = await load('imported.html');
    expect(await waitForHighlights(imported, ['Zorblax Industries', 'Quentin Vale'])).toEqual(['Zorblax Industries', 'Quentin Vale']);

    const network = requests.filter((u) => !LOCAL.test(u) && !loaded.includes(u));
    expect(network).toEqual([]);
    // In Chromium the extension's own files were seen too, so its pages and worker were watched.
    // Firefox's BiDi does not report moz-extension:// loads; there the CSP test below stands in.
    if (name === 'chromium') expect(requests.some((u) => u.startsWith(eb.origin))).toBe(true);
  });

  describe('the extension CSP', () => {
    let probe: Server;
    let hits = 0;
    beforeAll(async () => {
      probe = createServer((_req, res) => {
        hits++;
        res.end('reached');
      });
      await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    });
    afterAll(() => new Promise<void>((r) => probe.close(() => r())));

    it('blocks a request from an extension page before it leaves the browser', async () => {
      const options = (await eb.browser.pages()).find((p) => p.url().startsWith(eb.origin)) ?? (await firstInstallPage(eb));
      const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/probe`;
      const outcome = await options.evaluate(`fetch(${JSON.stringify(url)}).then(() => 'fetched', () => 'blocked')`);
      expect(outcome).toBe('blocked');
      expect(hits).toBe(0);
      // The probe server answers when asked directly, so 0 hits means blocked, not unreachable.
      expect(await (await fetch(url)).text()).toBe('reached');
    });
  });

  it('logs no errors but the CSP block of the probe', () => {
    expect(eb.errors.filter((e) => !e.includes('/probe'))).toEqual([]);
  });
});
