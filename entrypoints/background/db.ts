import Dexie, { type EntityTable, type Table } from 'dexie';
import type { DatasetInfo, EntityRecord, SourceRecord } from '../../src/messages/protocol';

/**
 * Rows belong to a generation of their dataset (`gen`), not to the dataset
 * itself. An import writes a whole new generation, in as many transactions
 * as it takes, and then switches the dataset's record to it in one small
 * transaction: readers see the old data or the new, never a mix, and an
 * import that fails or is cut off leaves only rows that nothing points to.
 */
export type StoredEntity = EntityRecord & { gen: string; aliasKeys: string[]; seq: number };
export type StoredSource = SourceRecord & { gen: string; seq: number };

/** A dataset as stored: what the UI sees, plus the generation its rows carry. */
export type StoredDataset = DatasetInfo & { generation: string };

/** An import in progress. Its rows carry `gen`; no dataset points to them until commit. */
export interface ImportRecord {
  id: string;
  gen: string;
  dataset: { id: string; name: string; version: string; description?: string | undefined };
  entityCount: number;
  sourceCount: number;
  startedAt: number;
}

export interface SiteRecord {
  /** A host, or "*.example.com" for a host and all its subdomains. */
  host: string;
  enabled: boolean;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export type FactlensDb = Dexie & {
  datasets: EntityTable<StoredDataset, 'id'>;
  entityRows: Table<StoredEntity, [string, string]>;
  sourceRows: Table<StoredSource, [string, string]>;
  imports: EntityTable<ImportRecord, 'id'>;
  settings: EntityTable<SettingRecord, 'key'>;
  sites: EntityTable<SiteRecord, 'host'>;
};

export const DB_NAME = 'factlens';

export function openDb({ name = DB_NAME }: { name?: string } = {}): FactlensDb {
  const db = new Dexie(name) as FactlensDb;
  db.version(1).stores({
    datasets: 'id',
    entities: '[dataset+id], dataset, *aliasKeys',
    sources: '[dataset+id], dataset',
    settings: 'key',
    sites: 'host',
  });
  // Version 1 held only the bundled dataset, which seeding writes again on
  // start; settings and sites carry over untouched.
  db.version(2)
    .stores({
      entities: null,
      sources: null,
      // seq keeps the order a dataset came in, so an export gives it back as imported.
      entityRows: '[gen+id], gen, [gen+seq], *aliasKeys',
      sourceRows: '[gen+id], gen',
      imports: 'id',
    })
    .upgrade((tx) => tx.table('datasets').clear());
  return db;
}
