import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCardRoot } from '../../scripts/lib/card-root';
import { contentScriptWorld, evaluateIn } from '../../scripts/lib/content-world';
import { CONTENT_SCRIPT_REQUESTS, REQUEST_TYPES } from '../../src/messages/protocol';
import { viewerPath } from '../../src/viewer-link';
import { requestSamples } from '../unit/support/request-samples';
import { chooseFile, chooseGeneratedFile, datasetsListed, importFile, makeDatasetPublic, showExtensionPage, tabIdForHost, until } from './extension-page';
import { BROWSERS, openPage } from './harness';
import {
  MARKUP_DESCRIPTION,
  MARKUP_NAME,
  MARKUP_ORG_NAME,
  MARKUP_PAGE,
  MARKUP_ROLE,
  MARKUP_SOURCE_TITLE,
  markupDataset,
} from './markup-dataset';
import { hoverMention, waitForCard, waitForHighlights } from './overlay-page';
import { extensionSession } from './session';

const USER_DATASET = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/user-dataset.json'), 'utf8')) as Record<string, unknown>;
const MB = 1024 * 1024;

/**
 * What rendering left in a subtree (the expression names its root): elements
 * that could run or load something, inline event handlers, and every href.
 * A JSON string, because Firefox's BiDi cannot return DOM nodes.
 */
const markupReport = (root: string) => `JSON.stringify((() => {
  const root = ${root};
  if (!root) return null;
  const all = [...root.querySelectorAll('*')];
  return {
    dangerous: all.filter((e) => /^(img|script|iframe|object|embed|svg|math|style|link|base|form|meta)$/i.test(e.localName)).map((e) => e.localName),
    handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => e.localName + '[' + a.name + ']')),
    hrefs: [...root.querySelectorAll('[href], [src], [action], [formaction]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction')),
    text: root.innerText ?? root.textContent,
  };
})())`;

interface MarkupReport {
  dangerous: string[];
  handlers: string[];
  hrefs: string[];
  text: string;
}

/** The report on `root` once its text includes `loaded` (the page may still be loading its data). */
async function report(page: Page, root: string, loaded: string): Promise<MarkupReport> {
  const json = await until<string>(
    page,
    `(() => { const r = ${markupReport(root)}; return r !== 'null' && JSON.parse(r).text.includes(${JSON.stringify(loaded)}) ? r : ''; })()`,
  );
  return JSON.parse(json) as MarkupReport;
}

function expectInert(shown: MarkupReport, origin: string): void {
  expect(shown.dangerous).toEqual([]);
  expect(shown.handlers).toEqual([]);
  for (const href of shown.hrefs) expect(href.startsWith(origin), href).toBe(true);
}

/** Every dataset and its counts, straight from the background. */
const storedDatasets = (page: Page) =>
  page.evaluate(`(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    return JSON.stringify(await api.runtime.sendMessage({ type: 'listDatasets' }));
  })()`) as Promise<string>;

/** The datasets, the sites turned off, the global switch and the appearance: all a write could change. */
const storedState = (page: Page, host: string) =>
  page.evaluate(`(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    return JSON.stringify(await Promise.all([
      api.runtime.sendMessage({ type: 'listDatasets' }),
      api.runtime.sendMessage({ type: 'listSites' }),
      api.runtime.sendMessage({ type: 'getSiteSettings', host: ${JSON.stringify(host)} }),
      api.runtime.sendMessage({ type: 'getAppearance' }),
    ]));
  })()`) as Promise<string>;

const send = (page: Page, message: unknown) =>
  page.evaluate(`(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    // Parsed in the page, so a "__proto__" key arrives as a key of its own.
    return JSON.stringify(await api.runtime.sendMessage(JSON.parse(${JSON.stringify(JSON.stringify(message))})));
  })()`) as Promise<string>;

/** A 50 MB dataset, well-formed apart from its size (JSON whitespace pads it). Built in the page. */
const FIFTY_MB = `(() => {
  const json = '{"format":"factlens-dataset/1","id":"big","name":"Big","version":"1","sources":[],"entities":[{"id":"e","name":"Padding Entity","type":"person","aliases":[],"roles":[],"mentions":[]}]}';
  const pad = new Uint8Array(${MB}).fill(32);
  const parts = Array.from({ length: 49 }, () => pad);
  parts.push(new Uint8Array(${MB} - json.length).fill(32), json);
  return parts;
})()`;

const latin1 = Buffer.from(JSON.stringify({ ...USER_DATASET, id: 'latin', name: 'Café' }), 'latin1');
const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ ...USER_DATASET, id: 'utf16' }), 'utf16le')]);
const withUrl = JSON.stringify({ ...USER_DATASET, id: 'with-url', sources: [{ id: 'memo', title: 'A memo', text: 'x', url: 'javascript:alert(1)' }] });
const bundledId = JSON.stringify({ ...USER_DATASET, id: 'factlens-bundled' });

describe.each(BROWSERS)('%s: untrusted data', (name) => {
  const session = extensionSession(name, { files: new Map([['/markup.html', MARKUP_PAGE]]) });

  const datasetsPage = async () => {
    await showExtensionPage(session.eb, session.options, 'options.html');
    await datasetsListed(session.options);
  };

  describe('markup in the data shows as text, and runs nothing', () => {
    let page: Page;

    beforeAll(async () => {
      await datasetsPage();
      expect(await importFile(session.options, 'markup.json', JSON.stringify(markupDataset()))).toMatch(/2 entities/);
      await makeDatasetPublic(session.options, 'markup-test');
      page = await openPage(session.eb, `${session.server.url}markup.html`);
      expect(await waitForHighlights(page, ['Mallory Markup', 'Evilcorp Holdings'])).toEqual(['Mallory Markup', 'Evilcorp Holdings']);
    });

    it('on the options page', async () => {
      await datasetsPage();
      const shown = await report(session.options, `document.querySelector('[data-testid=datasets] tr[data-dataset="markup-test"]')`, 'Markup <img');
      expect(shown.text).toContain('Markup <img src=x onerror="window.__pwned=1">');
      expectInert(shown, session.eb.origin);
      expect(await session.options.evaluate('typeof window.__pwned')).toBe('undefined');
    });

    it('in the hover card on a page', async () => {
      await hoverMention(page, 'Mallory Markup');
      const text = await waitForCard(page, (t) => t?.includes('Mallory') ?? false);
      for (const literal of [MARKUP_NAME, MARKUP_DESCRIPTION, MARKUP_ROLE.replace(/<iframe.*$/, ''), MARKUP_ORG_NAME]) {
        expect(text).toContain(literal);
      }
      // The card itself: its shadow root also holds the card's own <style>.
      const shown = JSON.parse((await inCardRoot<string>(page, `(shadow) => ${markupReport(`shadow.querySelector('[role=dialog]')`)}`))!) as MarkupReport;
      expect(shown.text).toContain(MARKUP_NAME);
      expectInert(shown, session.eb.origin);
      // In a web page source links carry no URL at all.
      expect(shown.hrefs).toEqual([]);
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    });

    it('in the popup detail view', async () => {
      const tab = await tabIdForHost(session.options, new URL(session.server.url).host);
      await showExtensionPage(session.eb, session.options, `popup.html?tab=${tab}`);
      await until(session.options, `document.activeElement?.getAttribute('data-testid') === 'search'`);
      await session.options.keyboard.type('Mallory Markup');
      await until(session.options, `document.querySelector('[data-testid=result][aria-selected=true]')?.textContent.includes('Mallory')`);
      await session.options.keyboard.press('Enter');
      const shown = await report(session.options, `document.querySelector('[data-testid=detail]')`, MARKUP_DESCRIPTION);
      expect(shown.text).toContain(MARKUP_NAME);
      expect(shown.text).toContain(MARKUP_DESCRIPTION);
      expectInert(shown, session.eb.origin);
      expect(shown.hrefs.length).toBeGreaterThan(0);
      expect(await session.options.evaluate('typeof window.__pwned')).toBe('undefined');
    });

    it('in the source viewer', async () => {
      const memo = markupDataset().sources[0]!;
      await showExtensionPage(session.eb, session.options, viewerPath({ dataset: 'markup-test', source: 'memo', start: 0, end: memo.text!.length }).slice(1));
      await until(session.options, `document.querySelector('[data-testid=excerpt]') !== null`);
      const shown = await report(session.options, 'document.body', MARKUP_SOURCE_TITLE);
      expect(shown.text).toContain(MARKUP_SOURCE_TITLE);
      expect(shown.text).toContain(memo.text);
      expectInert(shown, session.eb.origin);
      expect(await session.options.evaluate('typeof window.__pwned')).toBe('undefined');
    });

    afterAll(async () => {
      await page?.close();
    });
  });

  it.each([
    ['Latin-1 text', (p: Page) => chooseFile(p, '[data-testid=import-file]', 'latin1.json', latin1), /^The file is not UTF-8 text$/],
    ['UTF-16 text with a BOM', (p: Page) => chooseFile(p, '[data-testid=import-file]', 'utf16.json', utf16), /^The file is not UTF-8 text$/],
    ['a 50 MB file', (p: Page) => chooseGeneratedFile(p, '[data-testid=import-file]', 'big.json', FIFTY_MB), /^File too large \(50 MB\); the limit is 40 MB$/],
    ['a javascript: source URL', (p: Page) => chooseFile(p, '[data-testid=import-file]', 'url.json', withUrl), /^This file is not a valid Factlens dataset\n+\$\.sources\[0\]\.url must be an http: or https: address$/],
    ['the bundled dataset\'s id', (p: Page) => chooseFile(p, '[data-testid=import-file]', 'bundled.json', bundledId), /belongs to the bundled dataset/],
  ])('import refuses %s with a clear error and changes nothing', async (_what, choose, error) => {
    await datasetsPage();
    const before = await storedDatasets(session.options);
    await choose(session.options);
    const shown = await until<string>(session.options, `document.querySelector('[data-testid=import-error]')?.innerText`, 60_000);
    expect(shown.trim()).toMatch(error);
    expect(await storedDatasets(session.options)).toBe(before);
    await datasetsPage();
    expect(await storedDatasets(session.options)).toBe(before);
  }, 120_000);

  describe('messages', () => {
    it.each([
      ['an unknown type', { type: 'deleteEverything' }],
      ['no type', { dataset: 'factlens-bundled' }],
      ['a string', 'listDatasets'],
      ['null', null],
      ['a number', 42],
      ['an array', [{ type: 'listDatasets' }]],
      ['a wrong field type', { type: 'getSource', dataset: 'factlens-bundled', id: 42 }],
      ['an extra field', { type: 'listDatasets', all: true }],
      ['a prototype key', JSON.parse('{"type":"listDatasets","__proto__":{"polluted":true}}')],
      ['an oversized scan', { type: 'scanTexts', texts: ['x'.repeat(2_000_001)] }],
    ])('the background answers %s with an error, and keeps serving', async (_what, message) => {
      const answer = JSON.parse(await send(session.options, message)) as { ok: boolean; error?: string };
      expect(answer.ok).toBe(false);
      expect(answer.error).toMatch(/^malformed message: /);
      const next = JSON.parse(await send(session.options, { type: 'listDatasets' })) as { ok: boolean; value: unknown[] };
      expect(next.ok).toBe(true);
      expect(next.value.length).toBeGreaterThan(0);
    });
  });

  /**
   * Sends from inside the content script's own world. Chromium only: CDP lists
   * the extension's isolated world among the page's execution contexts.
   * Firefox's BiDi exposes no content-script sandbox (the rule is unit-tested
   * in test/unit/messages.test.ts, and the router is the same code there).
   */
  describe.runIf(name === 'chromium')('a content script', () => {
    let page: Page;
    /** A site turned off, so there is something in storage to read. */
    const setSiteSettingsFromOptions = () =>
      send(session.options, { type: 'setSiteSettings', host: 'turned-off.example', enabled: false }).then((answer) => expect(JSON.parse(answer)).toMatchObject({ ok: true }));
    let fromContentScript: (message: unknown) => Promise<{ ok: boolean; error?: string }>;

    beforeAll(async () => {
      page = await openPage(session.eb, `${session.server.url}markup.html`);
      await until(page, `CSS.highlights.get('factlens-mention')?.size > 0`);
      const cdp = await page.createCDPSession();
      const world = await contentScriptWorld(cdp);
      fromContentScript = (message) => evaluateIn(cdp, world, `chrome.runtime.sendMessage(JSON.parse(${JSON.stringify(JSON.stringify(message))}))`);
    });
    afterAll(async () => {
      await page?.close();
    });

    it('reads what its page needs', async () => {
      expect(await fromContentScript({ type: 'getAppearance' })).toMatchObject({ ok: true });
      expect(await fromContentScript({ type: 'getPageSettings' })).toEqual({ ok: true, value: { enabled: true } });
    });

    it('cannot read the settings in storage directly', async () => {
      const cdp = await page.createCDPSession();
      const world = await contentScriptWorld(cdp);
      await setSiteSettingsFromOptions();
      const stored = await evaluateIn(cdp, world, `(async () => { try { return JSON.stringify(await chrome.storage.sync.get(null)); } catch (e) { return 'refused'; } })()`);
      await cdp.detach();
      expect(stored).toBe('refused');
    });

    // Every request the declaration keeps from content scripts, each aimed at real data.
    const refused = REQUEST_TYPES.filter((type) => !CONTENT_SCRIPT_REQUESTS.has(type));
    it.each(refused)('may not send %s, and nothing changes', async (type) => {
      const host = new URL(session.server.url).host;
      const samples = requestSamples({ dataset: 'markup-test', entity: 'mallory', source: 'memo', imported: 'markup-test', importId: 'forged', host });
      const before = await storedState(session.options, host);
      const answer = await fromContentScript(samples[type]);
      expect(answer).toEqual({ ok: false, error: `"${type}" is not allowed from a content script` });
      expect(await storedState(session.options, host)).toBe(before);
    });
  });

  it('nothing ran: no errors logged', () => {
    expect(session.eb.errors).toEqual([]);
  });
});
