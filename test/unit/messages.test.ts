import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import bundled from '../../assets/dataset.json';
import { openDb } from '../../entrypoints/background/db';
import { routeMessage, senderKind, writesNothing } from '../../entrypoints/background/router';
import { seedBundled } from '../../entrypoints/background/seed';
import type { Dataset } from '../../src/dataset/schema';
import { MAX_REFS, OPEN_SOURCE_RATE } from '../../src/limits';
import { CONTENT_SCRIPT_REQUESTS, REQUEST_TYPES, requests, requestSchema, type Card } from '../../src/messages/protocol';
import { toJson } from './support/db-fixture';
import { testHandlers } from './support/handlers';
import { importDataset } from './support/import-dataset';
import { requestSamples } from './support/request-samples';

const db = openDb({ name: 'factlens-messages-test' });
const { handlers, opened, broadcasts } = testHandlers({ db });
const PAGE = 'https://news.test/article';
const BUNDLED = (bundled as Dataset).id;

/** An imported dataset, so that removing or disabling one has something to act on. */
const imported: Dataset = {
  format: 'factlens-dataset/2',
  id: 'messages-test',
  name: 'Messages test',
  version: '1',
  sources: [{ id: 'memo', title: 'A memo', text: 'Quentin Vale joined Zorblax Industries in 2024.' }],
  entities: [
    { id: 'zorblax', name: 'Zorblax Industries', type: 'organization', aliases: [{ text: 'Zorblax Industries' }], roles: [], mentions: [] },
    {
      id: 'quentin-vale',
      name: 'Quentin Vale',
      type: 'person',
      aliases: [{ text: 'Quentin Vale' }],
      roles: [
        {
          title: 'Chief Executive',
          organization: 'zorblax',
          start: '2024',
          evidence: [{ source: 'memo', quote: 'Quentin Vale joined Zorblax Industries in 2024.', start: 0, end: 47 }],
        },
      ],
      mentions: [],
    },
  ],
};

let importId = '';
let samples: ReturnType<typeof requestSamples>;

beforeAll(async () => {
  await seedBundled({ db, dataset: bundled as Dataset });
  await importDataset({ handlers, dataset: imported });
  // The commit tells open tabs once the matcher is rebuilt; let that settle before anything is compared.
  await vi.waitFor(() => expect(broadcasts).toContainEqual({ type: 'datasetsChanged' }));
  // An import left running: a content script must not be able to feed or finish it.
  ({ importId } = await handlers.importBegin({ type: 'importBegin', dataset: { id: 'running', name: 'Running', version: '1' } }));
  samples = requestSamples({
    dataset: BUNDLED,
    entity: 'jack-ma',
    source: (bundled as Dataset).sources[0]!.id,
    imported: imported.id,
    importId,
    host: new URL(PAGE).host,
  });
});

function fromExtension(message: unknown) {
  return routeMessage({ message, kind: 'extension-page', handlers, context: { url: 'chrome-extension://abc/options.html' } });
}
function fromContent(message: unknown) {
  return routeMessage({ message, kind: 'content-script', handlers, context: { tabId: 7, tabIndex: 2, frameId: 0, url: PAGE } });
}

/**
 * Every row of every table, and every broadcast so far. Not the caches: the
 * matcher stores its automaton there whenever it builds one, which a scan may.
 */
async function everything(): Promise<string> {
  const stored = db.tables.filter((table) => table !== db.caches);
  const tables = await Promise.all(stored.map(async (table) => [table.name, toJson(await table.toArray())] as const));
  return JSON.stringify({ tables, broadcasts });
}

describe('the request samples', () => {
  it('cover every declared request type', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(requests).sort());
  });

  it.each(REQUEST_TYPES)('hold a well-formed %s', (type) => {
    const sample = samples[type];
    expect(sample.type).toBe(type);
    expect(requestSchema.safeParse(sample).error).toBeUndefined();
  });
});

describe('message validation', () => {
  it.each([
    ['not an object', 'getSource'],
    ['null', null],
    ['an unknown type', { type: 'deleteEverything' }],
    ['a prototype name as type', { type: 'toString' }],
    ['a missing field', { type: 'getSource', dataset: BUNDLED }],
    ['a wrong type', { type: 'getSource', dataset: BUNDLED, id: 42 }],
    ['an extra field', { type: 'getSource', dataset: BUNDLED, id: 'x', sql: 'drop' }],
    ['an extra field on a request without parameters', { type: 'listDatasets', all: true }],
    ['an empty id', { type: 'getSource', dataset: BUNDLED, id: '' }],
    ['an oversized batch', { type: 'getCards', refs: Array.from({ length: MAX_REFS + 1 }, () => ({ dataset: 'd', id: 'x' })) }],
    ['a bad host', { type: 'getSiteSettings', host: 'a b/c' }],
    ['a non-boolean switch', { type: 'setSiteSettings', host: 'news.test', enabled: 'no' }],
  ])('rejects %s', async (_what, message) => {
    const answer = await fromExtension(message);
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toMatch(/^malformed message: /);
  });

  it('answers a well-formed request', async () => {
    expect(await fromExtension({ type: 'getEntities', refs: [{ dataset: BUNDLED, id: 'jack-ma' }] })).toMatchObject({
      ok: true,
      value: [{ name: 'Jack Ma' }],
    });
  });
});

describe('message authorisation', () => {
  const refused = REQUEST_TYPES.filter((type) => !CONTENT_SCRIPT_REQUESTS.has(type));
  const allowed = REQUEST_TYPES.filter((type) => CONTENT_SCRIPT_REQUESTS.has(type));

  it('lets content scripts send some requests and not others', () => {
    expect(refused.length).toBeGreaterThan(0);
    expect(allowed.length).toBeGreaterThan(0);
  });

  it.each(refused)('refuses %s from a content script, and nothing changes', async (type) => {
    const before = await everything();
    expect(await fromContent(samples[type])).toEqual({ ok: false, error: `"${type}" is not allowed from a content script` });
    expect(await everything()).toBe(before);
  });

  // Whatever the declaration lets a content script send must only read.
  it.each(allowed)('answers %s from a content script, and nothing in the store changes', async (type) => {
    const before = await everything();
    expect(await fromContent(samples[type])).toMatchObject({ ok: true });
    expect(await everything()).toBe(before);
  });

  // A message that writes nothing is routed without waiting for the store's startup cleanup (background/index.ts).
  it('says which messages write nothing: exactly those a content script may send', () => {
    for (const type of allowed) expect(writesNothing(samples[type]), type).toBe(true);
    for (const type of refused) expect(writesNothing(samples[type]), type).toBe(false);
    for (const message of [null, 'getAppearance', {}, { type: 'toString' }, { type: '__proto__' }, { type: 42 }]) expect(writesNothing(message)).toBe(false);
  });

  it('refuses messages from other extensions', async () => {
    const answer = await routeMessage({ message: { type: 'getAppearance' }, kind: 'foreign', handlers });
    expect(answer).toEqual({ ok: false, error: 'messages from other extensions are not accepted' });
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

  it("gives a card's entity, its organizations' names and its sources without their text, in one answer", async () => {
    const answer = await fromContent({
      type: 'getCards',
      refs: [
        { dataset: imported.id, id: 'quentin-vale' },
        { dataset: imported.id, id: 'nobody' },
        { dataset: 'no-such-dataset', id: 'quentin-vale' },
      ],
    });
    expect(answer.ok).toBe(true);
    const [card, nobody, elsewhere] = (answer.ok ? answer.value : []) as (Card | null)[];
    expect(card?.entity).toMatchObject({ dataset: imported.id, id: 'quentin-vale', name: 'Quentin Vale' });
    expect(card?.names).toEqual({ [`${imported.id}/zorblax`]: 'Zorblax Industries' });
    const { text: _text, ...memo } = imported.sources[0]!;
    expect(card?.sources).toEqual({ [`${imported.id}/memo`]: { ...memo, dataset: imported.id } });
    expect(nobody).toBeNull();
    expect(elsewhere).toBeNull();
  });

  it("gives the cards of the bundled dataset's people with every source they cite", async () => {
    const answer = await fromContent({ type: 'getCards', refs: [{ dataset: BUNDLED, id: 'jack-ma' }] });
    const [card] = (answer.ok ? answer.value : []) as (Card | null)[];
    const entity = (bundled as Dataset).entities.find((e) => e.id === 'jack-ma')!;
    const cited = new Set([...entity.mentions.map((m) => m.source), ...entity.roles.flatMap((r) => r.evidence.map((e) => e.source))]);
    expect(Object.keys(card?.sources ?? {}).sort()).toEqual([...cited].map((id) => `${BUNDLED}/${id}`).sort());
    for (const info of Object.values(card?.sources ?? {})) expect(info).not.toHaveProperty('text');
    const orgs = new Set(entity.roles.flatMap((r) => (r.organization ? [`${BUNDLED}/${r.organization}`] : [])));
    expect(Object.keys(card?.names ?? {}).sort()).toEqual([...orgs].sort());
  });

  it('opens a source in the viewer next to the sender tab', async () => {
    const answer = await fromContent({ type: 'openSource', dataset: 'factlens-bundled', source: 'ma-visits-hunan', start: 10, end: 17 });
    expect(answer).toEqual({ ok: true, value: null });
    expect(opened.at(-1)).toEqual({
      path: '/viewer.html?dataset=factlens-bundled&source=ma-visits-hunan&start=10&end=17',
      openerTabId: 7,
      index: 3,
    });
  });

  it('opens at most OPEN_SOURCE_RATE sources per tab in its window, and says why it refuses', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const open = (tabId: number) =>
        routeMessage({ message: { type: 'openSource', dataset: BUNDLED, source: 'ma-visits-hunan' }, kind: 'content-script', handlers, context: { tabId, tabIndex: 0, url: PAGE } });
      const before = opened.length;
      const burst = [];
      for (let i = 0; i <= OPEN_SOURCE_RATE.count; i++) burst.push(await open(41));
      expect(burst.slice(0, -1)).toEqual(Array(OPEN_SOURCE_RATE.count).fill({ ok: true, value: null }));
      expect(burst.at(-1)).toEqual({ ok: false, error: 'too many sources opened from this tab; try again in a few seconds' });
      expect(opened.length - before).toBe(OPEN_SOURCE_RATE.count);
      // Another tab has its own allowance.
      expect(await open(42)).toEqual({ ok: true, value: null });
      // Refusals do not count: once the window has passed, the tab may open sources again.
      vi.advanceTimersByTime(OPEN_SOURCE_RATE.windowMs - 1);
      expect((await open(41)).ok).toBe(false);
      vi.advanceTimersByTime(1);
      expect(await open(41)).toEqual({ ok: true, value: null });
      expect(opened.length - before).toBe(OPEN_SOURCE_RATE.count + 2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells open tabs when site settings change', async () => {
    const before = broadcasts.length;
    await fromExtension({ type: 'setSiteSettings', host: 'news.test', enabled: true });
    expect(broadcasts.slice(before)).toEqual([{ type: 'settingsChanged' }]);
  });
});
