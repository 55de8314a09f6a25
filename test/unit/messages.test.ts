import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { openDb } from '../../entrypoints/background/db';
import { routeMessage, senderKind } from '../../entrypoints/background/router';
import { seedBundled } from '../../entrypoints/background/seed';
import type { Dataset } from '../../src/dataset/schema';
import { testHandlers } from './support/handlers';

const db = openDb({ name: 'factlens-messages-test' });
const { handlers, opened, broadcasts } = testHandlers({ db });
const PAGE = 'https://news.test/article';

beforeAll(async () => {
  await seedBundled({ db, dataset: bundled as Dataset });
});

function fromExtension(message: unknown) {
  return routeMessage({ message, kind: 'extension-page', url: 'chrome-extension://abc/options.html', handlers });
}
function fromContent(message: unknown) {
  return routeMessage({ message, kind: 'content-script', url: PAGE, handlers });
}

describe('message validation', () => {
  it.each([
    ['not an object', 'getEntity'],
    ['null', null],
    ['an unknown type', { type: 'deleteEverything' }],
    ['a missing field', { type: 'getEntity', dataset: 'factlens-bundled' }],
    ['a wrong type', { type: 'getEntity', dataset: 'factlens-bundled', id: 42 }],
    ['an extra field', { type: 'getEntity', dataset: 'factlens-bundled', id: 'jack-ma', sql: 'drop' }],
    ['an empty id', { type: 'getEntity', dataset: 'factlens-bundled', id: '' }],
    ['an oversized batch', { type: 'getEntities', refs: Array.from({ length: 5001 }, () => ({ dataset: 'd', id: 'x' })) }],
    ['a bad host', { type: 'getSiteSettings', host: 'a b/c' }],
    ['a non-boolean switch', { type: 'setSiteSettings', host: 'news.test', enabled: 'no' }],
  ])('rejects %s', async (_what, message) => {
    const answer = await fromExtension(message);
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toMatch(/^malformed message: /);
  });

  it('answers a well-formed request', async () => {
    expect(await fromExtension({ type: 'getEntity', dataset: 'factlens-bundled', id: 'jack-ma' })).toMatchObject({
      ok: true,
      value: { name: 'Jack Ma' },
    });
  });
});

describe('message authorisation', () => {
  it('refuses messages from other extensions', async () => {
    const answer = await routeMessage({ message: { type: 'listDatasets' }, kind: 'foreign', url: undefined, handlers });
    expect(answer).toEqual({ ok: false, error: 'messages from other extensions are not accepted' });
  });

  it('lets a content script read entities and sources', async () => {
    expect(await fromContent({ type: 'getEntities', refs: [{ dataset: 'factlens-bundled', id: 'jack-ma' }] })).toMatchObject({ ok: true });
  });

  it('refuses a content script that changes settings', async () => {
    expect(await fromContent({ type: 'setSiteSettings', host: 'news.test', enabled: false })).toEqual({
      ok: false,
      error: '"setSiteSettings" is not allowed from a content script',
    });
    expect(await handlers.getSiteSettings({ type: 'getSiteSettings', host: 'news.test' })).toMatchObject({ enabled: true });
  });

  it('lets a content script read only its own site\'s settings', async () => {
    expect(await fromContent({ type: 'getSiteSettings', host: 'news.test' })).toMatchObject({ ok: true });
    expect(await fromContent({ type: 'getSiteSettings', host: 'bank.test' })).toMatchObject({ ok: false });
  });

  it('classifies senders by extension id and URL', () => {
    const ids = { extensionId: 'me', extensionOrigin: 'chrome-extension://me/' };
    expect(senderKind({ sender: { id: 'other', url: 'chrome-extension://other/x.html' }, ...ids })).toBe('foreign');
    expect(senderKind({ sender: { id: 'me', url: 'chrome-extension://me/popup.html' }, ...ids })).toBe('extension-page');
    expect(senderKind({ sender: { id: 'me', url: 'https://chrome-extension.evil/' }, ...ids })).toBe('content-script');
    expect(senderKind({ sender: { id: 'me', url: undefined }, ...ids })).toBe('content-script');
  });
});

describe('page requests', () => {
  it('scans texts with the enabled datasets and returns offsets with candidate entities', async () => {
    const texts = ['Yesterday Jack Ma met Daniel Zhang.', 'Ma said 马云 agreed.', 'Nothing here.'];
    const answer = await fromContent({ type: 'scanTexts', texts });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const { matches } = answer.value as { matches: { start: number; end: number; entities: string[]; contextual: boolean[] }[][] };
    expect(matches[0]!.map((m) => [texts[0]!.slice(m.start, m.end), m.entities, m.contextual])).toEqual([
      ['Jack Ma', ['factlens-bundled/jack-ma'], [false]],
      ['Daniel Zhang', ['factlens-bundled/daniel-zhang'], [false]],
    ]);
    expect(matches[1]!.map((m) => [texts[1]!.slice(m.start, m.end), m.contextual])).toEqual([
      ['Ma', [true]],
      ['马云', [false]],
    ]);
    expect(matches[2]).toEqual([]);
  });

  it('refuses a scan larger than its limit', async () => {
    const answer = await fromContent({ type: 'scanTexts', texts: ['x'.repeat(1_500_000), 'y'.repeat(600_000)] });
    expect(answer).toMatchObject({ ok: false });
  });

  it('gives source metadata without the text', async () => {
    const id = (bundled as Dataset).sources[0]!.id;
    const answer = await fromContent({ type: 'getSourceInfos', refs: [{ dataset: 'factlens-bundled', id }] });
    expect(answer).toMatchObject({ ok: true, value: [{ id, dataset: 'factlens-bundled' }] });
    expect(answer.ok && (answer.value as object[])[0]).not.toHaveProperty('text');
  });

  it('opens a source in the viewer next to the sender tab', async () => {
    const answer = await routeMessage({
      message: { type: 'openSource', dataset: 'factlens-bundled', source: 'ma-visits-hunan', start: 10, end: 17 },
      kind: 'content-script',
      url: PAGE,
      handlers,
      context: { tabId: 7, tabIndex: 2 },
    });
    expect(answer).toEqual({ ok: true, value: null });
    expect(opened.at(-1)).toEqual({
      path: '/viewer.html?dataset=factlens-bundled&source=ma-visits-hunan&start=10&end=17',
      openerTabId: 7,
      index: 3,
    });
  });

  it('tells open tabs when site settings change', async () => {
    const before = broadcasts.length;
    await fromExtension({ type: 'setSiteSettings', host: 'news.test', enabled: true });
    expect(broadcasts.slice(before)).toEqual([{ type: 'settingsChanged' }]);
  });
});
