import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import bundled from '../../assets/dataset.json';
import { openDb } from '../../entrypoints/background/db';
import { seedBundled } from '../../entrypoints/background/seed';
import type { Dataset } from '../../src/dataset/schema';
import { DEFAULT_APPEARANCE } from '../../src/messages/appearance';
import { fromJson } from './support/db-fixture';
import { migratedHandlers } from './support/handlers';

/**
 * A database saved by store schema version 2 (test/unit/fixtures/db-v2.json,
 * made by support/make-db-v2-fixture.ts), with an imported dataset. Whatever
 * the current schema, opening it must keep the imported dataset, the
 * settings and the sites. (db-v1.json, in store.test.ts, predates imports.)
 */
const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures/db-v2.json'), 'utf8')) as Record<string, unknown[]>;

/**
 * Schema version 2 as db.ts declares it today, copied on purpose: a later
 * version will change db.ts, and the saved rows must go into the tables that
 * version 2 had.
 */
function openV2(name: string): Dexie {
  const old = new Dexie(name);
  old.version(1).stores({ datasets: 'id', entities: '[dataset+id], dataset, *aliasKeys', sources: '[dataset+id], dataset', settings: 'key', sites: 'host' });
  old.version(2).stores({
    entities: null,
    sources: null,
    entityRows: '[gen+id], gen, [gen+seq], *aliasKeys',
    sourceRows: '[gen+id], gen',
    imports: 'id',
    nameLists: 'gen',
    caches: 'name',
  });
  return old;
}

describe('schema upgrade from a saved version-2 store', () => {
  it('keeps the imported dataset, its enabled flag, the settings and the sites, and replaces the old bundled dataset', async () => {
    const name = 'factlens-upgrade-v2';
    const old = openV2(name);
    for (const table of ['datasets', 'entityRows', 'sourceRows', 'imports', 'nameLists', 'settings', 'sites']) {
      await old.table(table).bulkAdd(fromJson(fixture[table]) as unknown[]);
    }
    old.close();

    const db = openDb({ name });
    expect(await seedBundled({ db, dataset: bundled as Dataset })).toBe('updated');
    const { handlers } = await migratedHandlers({ db });
    const datasets = await handlers.listDatasets({ type: 'listDatasets' });
    // Datasets saved before the private setting: an import is private, the bundled dataset is not.
    expect(datasets.map((d) => [d.id, d.version, d.enabled, d.private, d.entityCount])).toEqual([
      [bundled.id, bundled.version, true, false, bundled.entities.length],
      ['test-imports', '1', false, true, 2],
    ]);
    expect((await handlers.getEntities({ type: 'getEntities', refs: [{ dataset: 'test-imports', id: 'quentin-vale' }] }))[0]).toMatchObject({ name: 'Quentin Vale' });
    // Version 3 keeps entities in blocks: the upgrade must carry them over whole and in their saved order.
    const saved = (fromJson(fixture.entityRows) as ({ dataset: string; seq: number } & Record<string, unknown>)[])
      .filter((r) => r.dataset === 'test-imports')
      .sort((a, b) => a.seq - b.seq)
      .map(({ gen: _gen, seq: _seq, aliasKeys: _keys, dataset: _dataset, ...entity }) => entity);
    expect((await handlers.exportDataset({ type: 'exportDataset', id: 'test-imports', offset: 0, limit: 10 })).entities).toEqual(saved);
    expect(await handlers.getSource({ type: 'getSource', dataset: 'test-imports', id: 'memo' })).toMatchObject({ title: 'A memo' });
    expect(await handlers.getSiteSettings({ type: 'getSiteSettings', host: 'news.example.com' })).toMatchObject({ enabled: false });
    expect(await handlers.getAppearance({ type: 'getAppearance' })).toEqual({ ...DEFAULT_APPEARANCE, highlightStyle: 'wash', cardDelayMs: 700, theme: 'light' });

    // Its names still match once it is turned on: the saved name lists are usable.
    await handlers.setDatasetEnabled({ type: 'setDatasetEnabled', id: 'test-imports', enabled: true });
    const { matches, privateDatasets } = await handlers.scanTexts({ type: 'scanTexts', texts: ['Quentin Vale met Jack Ma.'] });
    expect(matches[0]!.map((m) => m.entities)).toEqual([['test-imports/quentin-vale'], [`${bundled.id}/jack-ma`]]);
    expect(privateDatasets).toEqual(['test-imports']);
    db.close();
  });
});
