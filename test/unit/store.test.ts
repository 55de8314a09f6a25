import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import bundled from '../../assets/dataset.json';
import { openDb, type FactlensDb } from '../../entrypoints/background/db';
import { entityBlocks, entityGenerations } from '../../entrypoints/background/entity-blocks';
import { cleanUpStore } from '../../entrypoints/background/imports';
import { seedBundled } from '../../entrypoints/background/seed';
import { syntheticDataset } from '../../scripts/lib/synthetic-dataset';
import type { Dataset } from '../../src/dataset/schema';
import { DEFAULT_APPEARANCE } from '../../src/messages/appearance';
import { migratedHandlers, testHandlers } from './support/handlers';
import { importDataset } from './support/import-dataset';
import { memoryArea } from './support/memory-area';

const dataset = bundled as Dataset;
let db: FactlensDb;
let n = 0;

function freshDb(): FactlensDb {
  db = openDb({ name: `factlens-test-${n++}` });
  return db;
}

afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

/** How many entities the store holds, in one generation or in all. */
async function storedEntities(d: FactlensDb, gen?: string): Promise<number> {
  const blocks = await d.entityBlocks.toArray();
  return blocks.filter((b) => gen === undefined || b.gen === gen).reduce((n, b) => n + b.entities.length, 0);
}

async function snapshot(d: FactlensDb) {
  return {
    datasets: await d.datasets.toArray(),
    entities: await d.entityBlocks.toArray(),
    sources: await d.sourceRows.toArray(),
    imports: await d.imports.toArray(),
    nameLists: await d.nameLists.toArray(),
  };
}

/** A small user dataset: a few bundled entities under another id. */
function userDataset(id: string, version = '1'): Dataset {
  const entities = dataset.entities.filter((e) =>
    ['nan-cunhui', 'chint-group', 'viya', 'alibaba-group', 'general-association-of-zhejiang-entrepreneurs'].includes(e.id),
  );
  const used = new Set(entities.flatMap((e) => [...e.mentions.map((m) => m.source), ...e.roles.flatMap((r) => r.evidence.map((ev) => ev.source))]));
  return structuredClone({
    ...dataset,
    id,
    name: `User ${id}`,
    version,
    sources: dataset.sources.filter((s) => used.has(s.id)),
    entities: entities.map((e) => ({ ...e, aliases: e.aliases.map((a) => ({ ...a, text: `${a.text} ${id}` })) })),
  });
}

describe('seeding the bundled dataset', () => {
  it('loads every entity and source, each readable by its id', async () => {
    const d = freshDb();
    expect(await seedBundled({ db: d, dataset })).toBe('seeded');
    expect(await storedEntities(d)).toBe(dataset.entities.length);
    expect(await d.sourceRows.count()).toBe(dataset.sources.length);
    const { handlers } = testHandlers({ db: d });
    const refs = dataset.entities.map((e) => ({ dataset: dataset.id, id: e.id }));
    expect(await handlers.getEntities({ type: 'getEntities', refs })).toEqual(dataset.entities.map((e) => ({ ...e, dataset: dataset.id })));
    expect(await d.datasets.get(dataset.id)).toMatchObject({ version: dataset.version, bundled: true, enabled: true });
  });

  it('changes nothing when run again', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const before = await snapshot(d);
    expect(await seedBundled({ db: d, dataset })).toBe('unchanged');
    expect(await snapshot(d)).toEqual(before);
  });

  it('writes all or nothing', async () => {
    const d = freshDb();
    const broken = { ...dataset, entities: [...dataset.entities, dataset.entities[0]!] };
    await expect(seedBundled({ db: d, dataset: broken })).rejects.toThrow();
    expect(await snapshot(d)).toEqual({ datasets: [], entities: [], sources: [], imports: [], nameLists: [] });
  });

  it('replaces old bundled data on a new version, keeping settings, sites and imports', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const { handlers } = testHandlers({ db: d });
    await handlers.setSiteSettings({ type: 'setSiteSettings', host: 'example.com', enabled: false });
    await handlers.setAppearance({ type: 'setAppearance', appearance: { cardDelayMs: 500 } });
    await handlers.setDatasetEnabled({ type: 'setDatasetEnabled', id: dataset.id, enabled: false });
    await importDataset({ handlers, dataset: userDataset('mine') });

    const next: Dataset = { ...dataset, version: `${dataset.version}-next`, entities: dataset.entities.filter((e) => e.id !== 'viya') };
    expect(await seedBundled({ db: d, dataset: next })).toBe('updated');

    expect((await handlers.getEntities({ type: 'getEntities', refs: [{ dataset: dataset.id, id: 'viya' }] }))[0]).toBeNull();
    const stored = (await d.datasets.get(dataset.id))!;
    expect(stored).toMatchObject({ version: next.version, enabled: false });
    expect(await storedEntities(d, stored.generation)).toBe(next.entities.length);
    expect(await storedEntities(d)).toBe(next.entities.length + 5);
    expect((await handlers.getEntities({ type: 'getEntities', refs: [{ dataset: 'mine', id: 'viya' }] }))[0]).toMatchObject({ name: 'Viya' });
    expect(await handlers.getAppearance({ type: 'getAppearance' })).toMatchObject({ cardDelayMs: 500 });
    expect(await handlers.getSiteSettings({ type: 'getSiteSettings', host: 'example.com' })).toMatchObject({ enabled: false });
  });

  it('keeps everything across a closed and reopened database, as after a worker restart', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const settings = memoryArea();
    await testHandlers({ db: d, settings }).handlers.setSiteSettings({ type: 'setSiteSettings', host: 'a.test', enabled: false });
    const before = await snapshot(d);
    d.close();
    const reopened = openDb({ name: d.name });
    expect(await snapshot(reopened)).toEqual(before);
    expect(await seedBundled({ db: reopened, dataset })).toBe('unchanged');
    expect(await testHandlers({ db: reopened, settings }).handlers.getSiteSettings({ type: 'getSiteSettings', host: 'a.test' })).toMatchObject({
      enabled: false,
    });
    db = reopened;
  });
});

describe('schema upgrade', () => {
  it('upgrades a database saved by store version 1, keeping its settings and sites', async () => {
    const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/db-v1.json'), 'utf8'));
    const name = `factlens-upgrade-${n++}`;
    const old = new Dexie(name);
    old.version(1).stores({ datasets: 'id', entities: '[dataset+id], dataset, *aliasKeys', sources: '[dataset+id], dataset', settings: 'key', sites: 'host' });
    for (const table of ['datasets', 'entities', 'sources', 'settings', 'sites']) await old.table(table).bulkAdd(fixture[table]);
    old.close();

    const d = openDb({ name });
    db = d;
    expect(await seedBundled({ db: d, dataset })).toBe('seeded');
    const { handlers } = await migratedHandlers({ db: d });
    expect(await handlers.getSiteSettings({ type: 'getSiteSettings', host: 'example.com' })).toMatchObject({ enabled: false });
    expect(await handlers.getAppearance({ type: 'getAppearance' })).toEqual({ ...DEFAULT_APPEARANCE, highlightStyle: 'underline', cardDelayMs: 500, theme: 'dark' });
    expect((await handlers.getEntities({ type: 'getEntities', refs: [{ dataset: dataset.id, id: 'jack-ma' }] }))[0]).toMatchObject({ name: 'Jack Ma' });
    expect(d.tables.map((t) => t.name).sort()).toEqual(['caches', 'datasets', 'entityBlocks', 'imports', 'nameLists', 'settings', 'sites', 'sourceRows']);
  });
});

describe('importing datasets', () => {
  it('makes an imported dataset readable, searchable and matchable', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const { handlers, broadcasts } = testHandlers({ db: d });
    const info = await importDataset({ handlers, dataset: userDataset('mine'), chunk: 1 });
    expect(info).toMatchObject({ id: 'mine', bundled: false, enabled: true, entityCount: 5 });
    await expect.poll(() => broadcasts).toContainEqual({ type: 'datasetsChanged' });
    const { matches } = await handlers.scanTexts({ type: 'scanTexts', texts: ['Viya mine said so.'] });
    expect(matches[0]!.map((m) => m.entities)).toEqual([['mine/viya']]);
  });

  it('imports a dataset as private, tells the scan so, and keeps a changed setting across a new version', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const { handlers } = testHandlers({ db: d });
    expect(await importDataset({ handlers, dataset: userDataset('mine', '1') })).toMatchObject({ private: true });
    const scan = () => handlers.scanTexts({ type: 'scanTexts', texts: ['Viya mine met Jack Ma.'] });
    expect((await scan()).privateDatasets).toEqual(['mine']);
    expect(await handlers.setDatasetPrivate({ type: 'setDatasetPrivate', id: 'mine', private: false })).toMatchObject({ private: false });
    expect((await scan()).privateDatasets).toEqual([]);
    await importDataset({ handlers, dataset: userDataset('mine', '2') });
    expect((await handlers.listDatasets({ type: 'listDatasets' })).map((i) => [i.id, i.private])).toEqual([
      [dataset.id, false],
      ['mine', false],
    ]);
    await handlers.setDatasetPrivate({ type: 'setDatasetPrivate', id: 'mine', private: true });
    await handlers.setDatasetEnabled({ type: 'setDatasetEnabled', id: 'mine', enabled: false });
    // Only enabled datasets are matched, so only they are named.
    expect((await scan()).privateDatasets).toEqual([]);
  });

  it('replaces a dataset with the same id, keeping whether it was enabled', async () => {
    const d = freshDb();
    const { handlers } = testHandlers({ db: d });
    await importDataset({ handlers, dataset: userDataset('mine', '1') });
    await handlers.setDatasetEnabled({ type: 'setDatasetEnabled', id: 'mine', enabled: false });
    const v2 = userDataset('mine', '2');
    v2.entities = v2.entities.slice(0, 2);
    await importDataset({ handlers, dataset: v2 });
    expect(await d.datasets.get('mine')).toMatchObject({ version: '2', enabled: false, entityCount: 2 });
    expect(await storedEntities(d)).toBe(2);
  });

  it('serves cards and sources by dataset id from whichever generation the dataset has now', async () => {
    const d = freshDb();
    const { handlers } = testHandlers({ db: d });
    await importDataset({ handlers, dataset: userDataset('mine', '1') });
    const ref = { dataset: 'mine', id: 'nan-cunhui' };
    const [before] = await handlers.getCards({ type: 'getCards', refs: [ref] });
    const v2 = userDataset('mine', '2');
    const renamed = v2.entities.find((e) => e.id === 'chint-group')!;
    renamed.name = 'Chint Group (renamed)';
    const cited = Object.values(before?.sources ?? {})[0]!;
    const source = v2.sources.find((x) => x.id === cited.id)!;
    source.title = `${source.title} (v2)`;
    await importDataset({ handlers, dataset: v2 });

    const [after] = await handlers.getCards({ type: 'getCards', refs: [ref] });
    expect(before?.names['mine/chint-group']).toBe('Chint Group');
    expect(after?.names['mine/chint-group']).toBe('Chint Group (renamed)');
    expect(Object.values(after?.sources ?? {}).map((s) => s.title)).toContain(source.title);
    expect(await handlers.getSource({ type: 'getSource', dataset: 'mine', id: source.id })).toMatchObject({ title: source.title, text: source.text });
  });

  it('leaves the previous data exactly as it was when a write fails midway', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const { handlers } = testHandlers({ db: d });
    await importDataset({ handlers, dataset: userDataset('mine', '1') });
    const before = await snapshot(d);

    const original = d.entityBlocks.bulkPut.bind(d.entityBlocks);
    let calls = 0;
    vi.spyOn(d.entityBlocks, 'bulkPut').mockImplementation(((...args: Parameters<typeof original>) => {
      if (++calls === 3) return Promise.reject(new Error('disk full'));
      return original(...args);
    }) as typeof original);
    await expect(importDataset({ handlers, dataset: userDataset('mine', '2'), chunk: 1 })).rejects.toThrow('disk full');

    expect(await snapshot(d)).toEqual(before);
  });

  it('leaves the previous data exactly as it was when the worker stops midway', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const first = testHandlers({ db: d }).handlers;
    await importDataset({ handlers: first, dataset: userDataset('mine', '1') });
    const before = await snapshot(d);

    const v2 = userDataset('mine', '2');
    const { importId } = await first.importBegin({ type: 'importBegin', dataset: { id: 'mine', name: 'v2', version: '2' } });
    await first.importChunk({ type: 'importChunk', importId, sources: v2.sources, entities: v2.entities.slice(0, 2) });

    // A new worker: same store, no memory of the import.
    const restarted = testHandlers({ db: d }).handlers;
    await expect(
      restarted.importChunk({ type: 'importChunk', importId, sources: [], entities: v2.entities.slice(2) }),
    ).rejects.toMatchObject({ problem: { code: 'problemImportInterrupted' } });
    await expect(restarted.importCommit({ type: 'importCommit', importId })).rejects.toMatchObject({ problem: { code: 'problemImportInterrupted' } });
    await cleanUpStore({ db: d });
    expect(await snapshot(d)).toEqual(before);
  });

  it('lists the generations that have entities, reading one key of each, however many blocks they have', async () => {
    const d = freshDb();
    const entities = syntheticDataset({ count: 700 }).entities;
    // 'g1' is a prefix of 'g10': the read past g1's blocks must not skip g10.
    const sizes: [string, number][] = [['g10', 1], ['g1', 700], ['a', 130], ['z', 64]];
    for (const [gen, count] of sizes) await d.entityBlocks.bulkAdd(entityBlocks({ gen, dataset: gen, entities: entities.slice(0, count) }));
    const read = vi.spyOn(d.entityBlocks, 'where');
    expect([...(await entityGenerations({ db: d }))].sort()).toEqual(['a', 'g1', 'g10', 'z']);
    // One read past each generation but the last: not one per block (11 of g1's alone).
    expect(read).toHaveBeenCalledTimes(sizes.length);
    await d.entityBlocks.clear();
    expect(await entityGenerations({ db: d })).toEqual(new Set());
  });

  it('finds entities by id through a stored index: a restarted worker reads no name list, and the index goes with its generation', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const first = testHandlers({ db: d });
    const mine = userDataset('mine');
    await importDataset({ handlers: first.handlers, dataset: mine });
    const refs = [
      ...dataset.entities.slice(0, 40).map((e) => ({ dataset: dataset.id, id: e.id })),
      ...mine.entities.map((e) => ({ dataset: 'mine', id: e.id })),
      { dataset: 'mine', id: 'no-such-entity' },
      { dataset: 'no-such-dataset', id: mine.entities[0]!.id },
    ];
    const read = await first.handlers.getEntities({ type: 'getEntities', refs });
    expect(read.map((e) => e && `${e.dataset}/${e.id}`)).toEqual([...refs.slice(0, -2).map((r) => `${r.dataset}/${r.id}`), null, null]);
    const indexes = () => d.caches.where('name').startsWith('ids ').count();
    await expect.poll(indexes).toBe(2);

    const restarted = testHandlers({ db: d });
    const lists = vi.spyOn(d.nameLists, 'get');
    expect(await restarted.handlers.getEntities({ type: 'getEntities', refs })).toEqual(read);
    expect(lists).not.toHaveBeenCalled();
    lists.mockRestore();

    await restarted.handlers.removeDataset({ type: 'removeDataset', id: 'mine' });
    expect(await indexes()).toBe(1);
    // One left by a generation that went while the worker was stopping is removed at the next start.
    await d.caches.put({ name: 'ids mine#gone:ids-1:mine#gone', key: 'mine#gone', value: null });
    await cleanUpStore({ db: d });
    expect(await indexes()).toBe(1);
  });

  it('accepts a role whose organization comes in a later chunk, one entity a chunk', async () => {
    const d = freshDb();
    const { handlers } = testHandlers({ db: d });
    const ds = userDataset('mine');
    // Organizations last: each role's organization arrives after the entity naming it.
    ds.entities.sort((a, b) => Number(a.type === 'organization') - Number(b.type === 'organization'));
    const position = new Map(ds.entities.map((e, i) => [e.id, i]));
    const later = ds.entities.filter((e, i) => e.roles.some((r) => r.organization !== undefined && position.get(r.organization)! > i));
    expect(later.length).toBeGreaterThan(0);
    await importDataset({ handlers, dataset: ds, chunk: 1 });
    expect((await d.datasets.get('mine'))?.entityCount).toBe(ds.entities.length);
  });

  it.each([
    ['a duplicate entity id across chunks', (ds: Dataset) => ds.entities.push(ds.entities[0]!), 'problemDuplicateEntityId'],
    ['an unknown organization', (ds: Dataset) => ds.entities[0]!.roles.push({ title: 'Boss', organization: 'nowhere', evidence: ds.entities[0]!.roles[0]?.evidence ?? [] }), 'problemUnknownOrganization'],
    ['an unknown source', (ds: Dataset) => (ds.sources = []), 'problemUnknownSource'],
  ])('refuses %s at import, changing nothing', async (_what, breakIt, code) => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const { handlers } = testHandlers({ db: d });
    const before = await snapshot(d);
    const bad = userDataset('mine');
    breakIt(bad);
    await expect(importDataset({ handlers, dataset: bad, chunk: 1 })).rejects.toMatchObject({ problem: { code } });
    expect(await snapshot(d)).toEqual(before);
  });

  it('refuses the bundled dataset id', async () => {
    const { handlers } = testHandlers({ db: freshDb() });
    await expect(importDataset({ handlers, dataset: { ...userDataset('x'), id: 'factlens-bundled' } })).rejects.toMatchObject({
      problem: { code: 'problemBundledIdTaken', params: ['factlens-bundled'] },
    });
  });

  it('exports a dataset that imports back as the same data', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const { handlers } = testHandlers({ db: d });
    const original = userDataset('mine');
    await importDataset({ handlers, dataset: original });

    const exported = async (id: string): Promise<Dataset> => {
      const first = await handlers.exportDataset({ type: 'exportDataset', id, offset: 0, limit: 3 });
      const entities = [...first.entities];
      while (entities.length < first.total) {
        entities.push(...(await handlers.exportDataset({ type: 'exportDataset', id, offset: entities.length, limit: 3 })).entities);
      }
      return { ...first.dataset!, entities } as Dataset;
    };
    const out = await exported('mine');
    expect(out).toEqual(original);
    await importDataset({ handlers, dataset: { ...out, id: 'again' } });
    expect({ ...(await exported('again')), id: 'mine' }).toEqual(original);
    expect(await exported(dataset.id)).toEqual(dataset);
  });

  it('reads back every entity of chunks that do not line up with its storage blocks', async () => {
    const d = freshDb();
    const { handlers } = testHandlers({ db: d });
    const big = syntheticDataset({ count: 700 });
    await importDataset({ handlers, dataset: big, chunk: 300 });
    const refs = big.entities.map((e) => ({ dataset: big.id, id: e.id }));
    expect(await handlers.getEntities({ type: 'getEntities', refs })).toEqual(big.entities.map((e) => ({ ...e, dataset: big.id })));
    const page = await handlers.exportDataset({ type: 'exportDataset', id: big.id, offset: 250, limit: 300 });
    expect(page).toEqual({ entities: big.entities.slice(250, 550), total: 700 });
    expect(await storedEntities(d)).toBe(700);
  });

  it('removes an imported dataset but not the bundled one', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const { handlers } = testHandlers({ db: d });
    await importDataset({ handlers, dataset: userDataset('mine') });
    await handlers.removeDataset({ type: 'removeDataset', id: 'mine' });
    expect(await d.datasets.get('mine')).toBeUndefined();
    expect(await storedEntities(d)).toBe(dataset.entities.length);
    await expect(handlers.removeDataset({ type: 'removeDataset', id: dataset.id })).rejects.toThrow(/bundled/);
  });

  it('keeps the built automaton across a worker restart, and rebuilds it when the datasets change', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const first = testHandlers({ db: d });
    const texts = ['Jack Ma', dataset.entities.flatMap((e) => e.aliases.map((a) => a.text)).join(', met ')];
    const built = await first.handlers.scanTexts({ type: 'scanTexts', texts });
    const storedKey = async () => (await d.caches.where('name').startsWith('matcher:').first())?.key;
    await expect.poll(storedKey).toBeTruthy();
    const stored = await storedKey();

    // A new worker reads the stored automaton; a catalog read would mean a rebuild.
    const restarted = testHandlers({ db: d });
    const read = vi.spyOn(restarted.catalog, 'get');
    const readBack = await restarted.handlers.scanTexts({ type: 'scanTexts', texts });
    expect(readBack.matches[0]).toHaveLength(1);
    // Every alias of the dataset: the read-back automaton, keys and related lists give the same matches, keys and spans.
    expect(readBack.matches[1]!.length).toBeGreaterThan(dataset.entities.length);
    expect(readBack).toEqual(built);
    expect(read).not.toHaveBeenCalled();

    await importDataset({ handlers: restarted.handlers, dataset: userDataset('mine') });
    expect((await restarted.handlers.scanTexts({ type: 'scanTexts', texts: ['Viya mine'] })).matches[0]).toHaveLength(1);
    await expect.poll(storedKey).not.toBe(stored);
    expect(await d.caches.where('name').startsWith('matcher:').count()).toBe(1);
  });

  it('keeps the search index across a worker restart, and rebuilds it when the datasets change', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const first = testHandlers({ db: d });
    const found = async (handlers: typeof first.handlers, query: string) => (await handlers.search({ type: 'search', query })).map((h) => h.key);
    const before = await found(first.handlers, 'jack ma');
    expect(before[0]).toBe(`${dataset.id}/jack-ma`);
    const storedKey = async () => (await d.caches.where('name').startsWith('search:').first())?.key;
    await expect.poll(storedKey).toBeTruthy();
    const stored = await storedKey();

    // A new worker reads the stored index; a catalog read would mean a rebuild.
    const restarted = testHandlers({ db: d });
    const read = vi.spyOn(restarted.catalog, 'get');
    expect(await found(restarted.handlers, 'jack ma')).toEqual(before);
    expect(read).not.toHaveBeenCalled();

    await importDataset({ handlers: restarted.handlers, dataset: userDataset('mine') });
    expect(await found(restarted.handlers, 'viya mine')).toContain('mine/viya');
    expect(read).toHaveBeenCalled();
    await expect.poll(storedKey).not.toBe(stored);
    expect(await d.caches.where('name').startsWith('search:').count()).toBe(1);
  });

  it('rebuilds a stored automaton it cannot read back, and stores it again', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    await testHandlers({ db: d }).handlers.scanTexts({ type: 'scanTexts', texts: ['Jack Ma'] });
    const stored = () => d.caches.where('name').startsWith('matcher:').first();
    await expect.poll(stored).toBeTruthy();
    const row = (await stored())!;
    // Its parts name more bytes than its Blob holds.
    await d.caches.put({ ...row, value: { dictionary: { buffer: new Blob([new Uint8Array(8)]), parts: [['edgeStart', 'i32', 0, 1000]] } } });

    const restarted = testHandlers({ db: d });
    const read = vi.spyOn(restarted.catalog, 'get');
    expect((await restarted.handlers.scanTexts({ type: 'scanTexts', texts: ['Jack Ma'] })).matches[0]).toHaveLength(1);
    expect(read).toHaveBeenCalled();
    await expect.poll(async () => ((await stored())?.value as { dictionary: { buffer: Blob } }).dictionary.buffer.size).toBeGreaterThan(8);
  });

  it('rebuilds an automaton stored by older code instead of reading it', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const first = testHandlers({ db: d });
    await first.handlers.scanTexts({ type: 'scanTexts', texts: ['Jack Ma'] });
    const stored = () => d.caches.where('name').startsWith('matcher:').first();
    await expect.poll(stored).toBeTruthy();
    // The same data under an older format name, in a layout this code cannot read.
    const current = (await stored())!;
    const older = current.name.replace(/^matcher:matcher-\d+/, 'matcher:matcher-6');
    expect(older).not.toBe(current.name);
    await d.caches.clear();
    await d.caches.put({ name: older, key: current.key.replace(/^matcher-\d+/, 'matcher-6'), value: { dictionary: { edgeStart: [] }, keys: ['x'] } });

    const restarted = testHandlers({ db: d });
    const read = vi.spyOn(restarted.catalog, 'get');
    expect((await restarted.handlers.scanTexts({ type: 'scanTexts', texts: ['Jack Ma'] })).matches[0]).toHaveLength(1);
    expect(read).toHaveBeenCalled();
    await expect.poll(async () => (await stored())?.name).toBe(current.name);
    expect(await d.caches.count()).toBe(1);
  });

  // A large store: well over the default 5 s on a loaded two-core machine.
  it('loads a catalog of 150,000 entities from one name list', { timeout: 60_000 }, async () => {
    const d = freshDb();
    const count = 150_000;
    const ids = Array.from({ length: count }, (_, i) => `e${i}`);
    await d.nameLists.put({
      gen: 'big#1',
      ids,
      names: ids.map((id) => `Name ${id}`),
      types: 'p'.repeat(count),
      aliasTexts: ids.map((id) => `Name ${id}`),
      aliasContextual: new Uint8Array(count),
      aliasOwner: Int32Array.from(ids, (_, i) => i),
    });
    await d.datasets.put({ id: 'big', name: 'Big', version: '1', bundled: false, enabled: true, entityCount: count, sourceCount: 0, updatedAt: 0, generation: 'big#1' });
    const { catalog } = testHandlers({ db: d });
    const entries = await catalog.get();
    expect(entries).toHaveLength(count);
    expect(entries[count - 1]).toEqual({ key: `big/e${count - 1}`, name: `Name e${count - 1}`, type: 'person', aliases: [{ text: `Name e${count - 1}` }], related: [] });
  });

  it('stops matching a disabled dataset', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const { handlers } = testHandlers({ db: d });
    const scan = async () => (await handlers.scanTexts({ type: 'scanTexts', texts: ['Jack Ma'] })).matches[0]!.length;
    expect(await scan()).toBe(1);
    await handlers.setDatasetEnabled({ type: 'setDatasetEnabled', id: dataset.id, enabled: false });
    expect(await scan()).toBe(0);
  });
});

describe('site settings', () => {
  it('read and write per-site settings, patterns and the global switch', async () => {
    const { handlers: h } = testHandlers({ db: freshDb() });
    expect(await h.getSiteSettings({ type: 'getSiteSettings', host: 'news.test' })).toEqual({
      host: 'news.test',
      enabled: true,
      siteEnabled: true,
      globalEnabled: true,
    });
    await h.setSiteSettings({ type: 'setSiteSettings', host: 'news.test', enabled: false });
    expect(await h.getSiteSettings({ type: 'getSiteSettings', host: 'news.test' })).toMatchObject({ enabled: false, siteEnabled: false });
    expect(await h.getSiteSettings({ type: 'getSiteSettings', host: 'other.test' })).toMatchObject({ enabled: true });
    await h.setSiteSettings({ type: 'setSiteSettings', host: 'news.test', enabled: true });
    expect(await h.getSiteSettings({ type: 'getSiteSettings', host: 'news.test' })).toMatchObject({ enabled: true });

    await h.setSiteSettings({ type: 'setSiteSettings', host: '*.example.com', enabled: false });
    for (const host of ['example.com', 'www.example.com', 'a.b.example.com']) {
      expect(await h.getSiteSettings({ type: 'getSiteSettings', host }), host).toMatchObject({ enabled: false });
    }
    expect(await h.getSiteSettings({ type: 'getSiteSettings', host: 'notexample.com' })).toMatchObject({ enabled: true });
    expect(await h.listSites({ type: 'listSites' })).toEqual([{ host: '*.example.com', enabled: false }]);

    await h.setGlobalEnabled({ type: 'setGlobalEnabled', enabled: false });
    expect(await h.getSiteSettings({ type: 'getSiteSettings', host: 'other.test' })).toMatchObject({
      enabled: false,
      siteEnabled: true,
      globalEnabled: false,
    });
  });
});
