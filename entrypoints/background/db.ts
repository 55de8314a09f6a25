import Dexie, { type EntityTable, type Table } from 'dexie';
import type { PackedRelated } from '../../src/dataset/related';
import type { Entity } from '../../src/dataset/schema';
import type { DatasetInfo, EntityRecord, SourceRecord } from '../../src/messages/protocol';
import { entityBlocks } from './entity-blocks';
import { nameListOf } from './name-lists';

/**
 * Rows belong to a generation of their dataset (`gen`), not to the dataset
 * itself. An import writes a whole new generation, in as many transactions
 * as it takes, and then switches the dataset's record to it in one small
 * transaction: readers see the old data or the new, never a mix, and an
 * import that fails or is cut off leaves only rows that nothing points to.
 */
/** Up to BLOCK entities of a generation, in import order (see entity-blocks.ts). */
export interface EntityBlockRecord {
  gen: string;
  block: number;
  dataset: string;
  entities: Entity[];
}
export type StoredSource = SourceRecord & { gen: string; seq: number };

/**
 * A dataset as stored: what the UI sees, plus the generation its rows carry.
 * Records written before the private setting existed have none; datasetInfo
 * reads them as private when imported (isPrivate, datasets.ts), so no schema
 * upgrade is needed.
 */
export type StoredDataset = Omit<DatasetInfo, 'private'> & { private?: boolean; generation: string };

/** An import in progress. Its rows carry `gen`; no dataset points to them until commit. */
export interface ImportRecord {
  id: string;
  gen: string;
  dataset: { id: string; name: string; version: string; description?: string | undefined };
  entityCount: number;
  sourceCount: number;
  startedAt: number;
}

/**
 * Every name of one generation, packed into a single row so the catalog of
 * 100,000 entities loads in one read rather than 100,000.
 */
export interface NameListRecord {
  gen: string;
  ids: string[];
  names: string[];
  /** One letter per entity: p(erson), o(rganization), l(ocation/place). */
  types: string;
  aliasTexts: string[];
  /** Per alias: 1 if contextual. */
  aliasContextual: Uint8Array;
  /**
   * Per alias: ALIAS_NEEDS_CONTEXT | ALIAS_CASE_SENSITIVE (name-lists.ts). Missing in lists
   * written before these existed: no alias needs context, and acronyms are
   * case-sensitive by default (src/dataset/alias-case.ts).
   */
  aliasFlags?: Uint8Array;
  /** Each entity's related entities, by index in `ids` (src/dataset/related.ts); missing in older lists. */
  related?: PackedRelated;
  /** Per alias: the index of its entity in `ids`. */
  aliasOwner: Int32Array;
}

/** A derived structure kept across worker restarts, valid while `key` matches. */
interface CacheRecord {
  name: string;
  key: string;
  value: unknown;
}

interface SiteRecord {
  /** A host, or "*.example.com" for a host and all its subdomains. */
  host: string;
  enabled: boolean;
}

interface SettingRecord {
  key: string;
  value: unknown;
}

export type FactlensDb = Dexie & {
  datasets: EntityTable<StoredDataset, 'id'>;
  entityBlocks: Table<EntityBlockRecord, [string, number]>;
  sourceRows: Table<StoredSource, [string, string]>;
  imports: EntityTable<ImportRecord, 'id'>;
  nameLists: EntityTable<NameListRecord, 'gen'>;
  caches: EntityTable<CacheRecord, 'name'>;
  settings: EntityTable<SettingRecord, 'key'>;
  sites: EntityTable<SiteRecord, 'host'>;
};

const DB_NAME = 'factlens';

/** A version 2 entity row: one entity to a record. */
type EntityRowV2 = EntityRecord & { gen: string; seq: number; aliasKeys: string[] };

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
      nameLists: 'gen',
      caches: 'name',
    })
    .upgrade((tx) => tx.table('datasets').clear());
  // Version 3 keeps entities BLOCK to a record (entity-blocks.ts): writing
  // one record per entity made a 100,000-entity import take 29 s in Chromium.
  db.version(3)
    .stores({ entityRows: null, entityBlocks: '[gen+block]' })
    .upgrade(async (tx) => {
      const byGen = new Map<string, EntityRowV2[]>();
      // In [gen+seq] order, so each generation's rows come in import order.
      for (const row of await tx.table<EntityRowV2>('entityRows').orderBy('[gen+seq]').toArray()) {
        const list = byGen.get(row.gen);
        if (list) list.push(row);
        else byGen.set(row.gen, [row]);
      }
      for (const [gen, rows] of byGen) {
        const entities = rows.map(({ gen: _gen, seq: _seq, aliasKeys: _keys, dataset: _dataset, ...entity }) => entity as Entity);
        await tx.table('entityBlocks').bulkAdd(entityBlocks({ gen, dataset: rows[0]!.dataset, entities }));
        if (!(await tx.table('nameLists').get(gen))) await tx.table('nameLists').put(nameListOf({ gen, entities }));
      }
      // The matcher's cache is derived, and cheap to build again.
      await tx.table('caches').clear();
    });
  return db;
}
