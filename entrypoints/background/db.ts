import Dexie, { type EntityTable, type Table } from 'dexie';
import type { DatasetInfo, EntityRecord, SourceRecord } from '../../src/messages/protocol';

/** Entities are stored with their folded aliases, indexed for lookup by name. */
export type StoredEntity = EntityRecord & { aliasKeys: string[] };

export interface SiteRecord {
  host: string;
  enabled: boolean;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export type FactlensDb = Dexie & {
  datasets: EntityTable<DatasetInfo, 'id'>;
  entities: Table<StoredEntity, [string, string]>;
  sources: Table<SourceRecord, [string, string]>;
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
  return db;
}
