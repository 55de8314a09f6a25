import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { openDb } from '../../entrypoints/background/db';
import { createHandlers } from '../../entrypoints/background/handlers';
import { routeMessage, senderKind } from '../../entrypoints/background/router';
import { seedBundled } from '../../entrypoints/background/seed';
import type { Dataset } from '../../src/dataset/schema';

const db = openDb({ name: 'factlens-messages-test' });
const handlers = createHandlers({ db });
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
