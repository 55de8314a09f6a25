import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { openDb, type FactlensDb } from '../../entrypoints/background/db';
import { datasetRecords } from '../../entrypoints/background/dataset-records';
import { testHandlers } from './support/handlers';
import { seedBundled } from '../../entrypoints/background/seed';
import type { Dataset } from '../../src/dataset/schema';

const dataset = bundled as Dataset;
let db: FactlensDb;
let n = 0;

function freshDb(): FactlensDb {
  db = openDb({ name: `factlens-test-${n++}` });
  return db;
}

afterEach(async () => {
  db.close();
  await db.delete();
});

async function snapshot(d: FactlensDb) {
  return {
    datasets: await d.datasets.toArray(),
    entities: await d.entities.toArray(),
    sources: await d.sources.toArray(),
  };
}

describe('seeding the bundled dataset', () => {
  it('loads every entity and source, indexed by folded alias', async () => {
    const d = freshDb();
    expect(await seedBundled({ db: d, dataset })).toBe('seeded');
    expect(await d.entities.count()).toBe(dataset.entities.length);
    expect(await d.sources.count()).toBe(dataset.sources.length);
    const byAlias = await d.entities.where('aliasKeys').equals('ma yun').toArray();
    expect(byAlias.map((e) => e.id)).toEqual(['jack-ma']);
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
    expect(await snapshot(d)).toEqual({ datasets: [], entities: [], sources: [] });
  });

  it('replaces old bundled data on a new version, keeping settings, sites and imports', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const handlers = testHandlers({ db: d }).handlers;
    await handlers.setSiteSettings({ type: 'setSiteSettings', host: 'example.com', enabled: false });
    await d.settings.put({ key: 'cardDelay', value: 500 });
    await d.datasets.update(dataset.id, { enabled: false });
    const imported = datasetRecords({
      dataset: { ...dataset, id: 'mine', name: 'Mine', entities: dataset.entities.slice(0, 2) },
      bundled: false,
      enabled: true,
    });
    await d.entities.bulkAdd(imported.entities);
    await d.datasets.put(imported.info);

    const next: Dataset = {
      ...dataset,
      version: `${dataset.version}-next`,
      entities: dataset.entities.filter((e) => e.id !== 'viya'),
    };
    expect(await seedBundled({ db: d, dataset: next })).toBe('updated');

    expect(await d.entities.get([dataset.id, 'viya'])).toBeUndefined();
    expect(await d.entities.where('dataset').equals(dataset.id).count()).toBe(next.entities.length);
    expect(await d.datasets.get(dataset.id)).toMatchObject({ version: next.version, enabled: false });
    expect(await d.entities.where('dataset').equals('mine').count()).toBe(2);
    expect(await d.datasets.get('mine')).toMatchObject({ name: 'Mine' });
    expect(await d.settings.get('cardDelay')).toEqual({ key: 'cardDelay', value: 500 });
    expect(await handlers.getSiteSettings({ type: 'getSiteSettings', host: 'example.com' })).toMatchObject({ enabled: false });
  });

  it('keeps everything across a closed and reopened database, as after a worker restart', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    await testHandlers({ db: d }).handlers.setSiteSettings({ type: 'setSiteSettings', host: 'a.test', enabled: false });
    const before = await snapshot(d);
    d.close();
    const reopened = openDb({ name: d.name });
    expect(await snapshot(reopened)).toEqual(before);
    expect(await seedBundled({ db: reopened, dataset })).toBe('unchanged');
    expect(await testHandlers({ db: reopened }).handlers.getSiteSettings({ type: 'getSiteSettings', host: 'a.test' })).toMatchObject({
      enabled: false,
    });
    db = reopened;
  });
});

describe('handlers', () => {
  it('answer an entity by id, a batch of ids, and a source by id', async () => {
    const d = freshDb();
    await seedBundled({ db: d, dataset });
    const h = testHandlers({ db: d }).handlers;
    const ma = await h.getEntity({ type: 'getEntity', dataset: dataset.id, id: 'jack-ma' });
    expect(ma).toMatchObject({ id: 'jack-ma', name: 'Jack Ma', dataset: dataset.id });
    expect(ma).not.toHaveProperty('aliasKeys');
    const batch = await h.getEntities({
      type: 'getEntities',
      refs: [
        { dataset: dataset.id, id: 'alibaba-group' },
        { dataset: dataset.id, id: 'missing' },
        { dataset: dataset.id, id: 'jack-ma' },
      ],
    });
    expect(batch.map((e) => e?.id ?? null)).toEqual(['alibaba-group', null, 'jack-ma']);
    const source = await h.getSource({ type: 'getSource', dataset: dataset.id, id: dataset.sources[0]!.id });
    expect(source?.text).toBe(dataset.sources[0]!.text);
  });

  it('read and write per-site settings, and the global switch', async () => {
    const h = testHandlers({ db: freshDb() }).handlers;
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
    await db.settings.put({ key: 'globalEnabled', value: false });
    expect(await h.getSiteSettings({ type: 'getSiteSettings', host: 'other.test' })).toMatchObject({
      enabled: false,
      siteEnabled: true,
      globalEnabled: false,
    });
  });
});
