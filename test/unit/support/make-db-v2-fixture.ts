/**
 * Writes test/unit/fixtures/db-v2.json: the store as schema version 2 saves
 * it, with a bundled dataset, an imported one, settings and a site. Run once
 * per schema version (npx tsx test/unit/support/make-db-v2-fixture.ts); the
 * saved file is what a later version must upgrade.
 */
import 'fake-indexeddb/auto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDb } from '../../../entrypoints/background/db';
import { seedBundled } from '../../../entrypoints/background/seed';
import { datasetSchema, type Dataset } from '../../../src/dataset/schema';
import { upgradeDataset } from '../../../src/dataset/upgrade';
import { toJson } from './db-fixture';
import { testHandlers } from './handlers';
import { importDataset } from './import-dataset';

const bundled = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../assets/dataset.json'), 'utf8')) as Dataset;
const imported = datasetSchema.parse(upgradeDataset(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../browser/fixtures/user-dataset.json'), 'utf8'))));
// A small bundled dataset of an older version, so seeding the current one replaces it.
const oldBundled: Dataset = { ...bundled, version: '1+oldversion', entities: bundled.entities.filter((e) => e.id === 'jack-ma'), sources: [] };
oldBundled.entities = oldBundled.entities.map((e) => ({ ...e, roles: [], mentions: [] }));

const db = openDb({ name: 'fixture-v2' });
await seedBundled({ db, dataset: oldBundled });
const { handlers } = testHandlers({ db });
await importDataset({ handlers, dataset: imported });
await handlers.setSiteSettings({ type: 'setSiteSettings', host: '*.example.com', enabled: false });
await handlers.setAppearance({ type: 'setAppearance', appearance: { highlightStyle: 'wash', cardDelayMs: 700, theme: 'light' } });
await handlers.setDatasetEnabled({ type: 'setDatasetEnabled', id: imported.id, enabled: false });

// The saved file must stay what version 2 wrote; a later store would overwrite it with its own rows.
if (db.verno !== 2) throw new Error(`db-v2.json is kept as store version 2 wrote it; this store is version ${db.verno}. Write a new generator for a new fixture.`);

const tables: Record<string, unknown> = {
  schemaVersion: db.verno,
  note: 'IndexedDB contents as store schema version 2 wrote them: an older bundled dataset, the imported "test-imports" (turned off), a turned-off *.example.com and appearance settings. The caches table is left out: it is derived and rebuilt.',
};
for (const table of db.tables) if (table.name !== 'caches') tables[table.name] = toJson(await table.toArray());
writeFileSync(resolve(import.meta.dirname, '../fixtures/db-v2.json'), `${JSON.stringify(tables, null, 1)}\n`);
console.log('wrote db-v2.json', Object.fromEntries(db.tables.map((t) => [t.name, (tables[t.name] as unknown[] | undefined)?.length])));
