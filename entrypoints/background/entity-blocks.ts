import Dexie, { type Collection } from 'dexie';
import type { Entity } from '../../src/dataset/schema';
import type { EntityRecord } from '../../src/messages/protocol';
import { buildIdIndex, positionIn, type IdIndex } from '../../src/packing/id-index';
import type { EntityBlockRecord, FactlensDb } from './db';
import { generations } from './generations';
import { readOrBuild } from './stored-derivation';

/**
 * Entities are stored BLOCK to a row, in the order they came in: entity
 * number `seq` of a generation sits at index `seq % BLOCK` of block
 * `floor(seq / BLOCK)`. Chromium pays a fixed cost per IndexedDB record
 * (about 0.2 ms here, one IPC each), so 100,000 rows of one entity took 19 s
 * to write where 391 blocks of 256 took 0.6 s. Reading pays the other way:
 * a popup search shows 20 entities from as many blocks, and with 256 to a
 * block deserialising them took its keystroke from 11 to 14–23 ms (bench
 * page section). 64 keeps both small.
 */
const BLOCK = 64;

const blockRange = (gen: string) => [
  [gen, Dexie.minKey],
  [gen, Dexie.maxKey],
] as const;

/**
 * Writes entities `firstSeq`, `firstSeq + 1`, … of a generation, completing
 * the block an earlier write left part-full. Call inside a transaction that
 * includes `entityBlocks`.
 */
export async function writeEntities({ db, gen, dataset, firstSeq, entities }: {
  db: FactlensDb;
  gen: string;
  dataset: string;
  firstSeq: number;
  entities: readonly Entity[];
}): Promise<void> {
  const rows: EntityBlockRecord[] = [];
  let seq = firstSeq;
  let i = 0;
  if (seq % BLOCK !== 0 && entities.length > 0) {
    const block = Math.floor(seq / BLOCK);
    const open = await db.entityBlocks.get([gen, block]);
    const room = BLOCK - (seq % BLOCK);
    const head = entities.slice(0, room);
    rows.push({ gen, block, dataset, entities: [...(open?.entities ?? []), ...head] });
    seq += head.length;
    i = head.length;
  }
  rows.push(...entityBlocks({ gen, dataset, entities: entities.slice(i), firstSeq: seq }));
  await db.entityBlocks.bulkPut(rows);
}

/** Entities `firstSeq`, `firstSeq + 1`, … as rows; `firstSeq` starts a block (0 for a whole generation). */
export function entityBlocks({ gen, dataset, entities, firstSeq = 0 }: {
  gen: string;
  dataset: string;
  entities: readonly Entity[];
  firstSeq?: number;
}): EntityBlockRecord[] {
  const rows: EntityBlockRecord[] = [];
  for (let i = 0; i < entities.length; i += BLOCK) rows.push({ gen, block: (firstSeq + i) / BLOCK, dataset, entities: entities.slice(i, i + BLOCK) });
  return rows;
}

export async function deleteEntities({ db, gen }: { db: FactlensDb; gen: string }): Promise<void> {
  await db.entityBlocks.where('[gen+block]').between(...blockRange(gen)).delete();
}

/**
 * Every generation that has entity rows: one key read per generation, each
 * read starting past the blocks of the one before. Listing every block's key
 * read the blocks themselves too (IndexedDB keeps a record's key and value
 * together): at a million entities that held the database for a second as a
 * woken worker started, and its first page waited to read the automaton
 * (bench/RESULTS.md, "Cold worker in Chromium").
 */
export async function entityGenerations({ db }: { db: FactlensDb }): Promise<Set<string>> {
  const gens = new Set<string>();
  for (let last: string | null = null; ; ) {
    const next: Collection<EntityBlockRecord, [string, number]> =
      last === null ? db.entityBlocks.toCollection() : db.entityBlocks.where('[gen+block]').above([last, Dexie.maxKey]);
    const [key] = await next.limit(1).primaryKeys();
    if (!key) return gens;
    last = key[0];
    gens.add(last);
  }
}

/** Calls `visit` with every entity of a generation, a block at a time, without holding them all. */
export async function forEachEntity({ db, gen, visit }: { db: FactlensDb; gen: string; visit(entity: Entity): void }): Promise<void> {
  await db.entityBlocks
    .where('[gen+block]')
    .between(...blockRange(gen))
    .each((block) => {
      for (const entity of block.entities) visit(entity);
    });
}

/** Entities `offset` to `offset + limit` of a generation, in their original order. */
export async function entitiesInOrder({ db, gen, offset, limit }: { db: FactlensDb; gen: string; offset: number; limit: number }): Promise<Entity[]> {
  if (limit <= 0) return [];
  const first = Math.floor(offset / BLOCK);
  const last = Math.floor((offset + limit - 1) / BLOCK);
  const blocks = await db.entityBlocks.where('[gen+block]').between([gen, first], [gen, last], true, true).toArray();
  const start = offset - first * BLOCK;
  return blocks.flatMap((b) => b.entities).slice(start, start + limit);
}

const MAX_CACHED_GENERATIONS = 8;
const MAX_CACHED_BLOCKS = 128;

/** Drops a Map's oldest entries (its first inserted) beyond `max`. */
function keepNewest(map: Map<string, unknown>, max: number): void {
  for (const old of map.keys()) {
    if (map.size <= max) break;
    map.delete(old);
  }
}

/**
 * What a generation's id index is stored under (stored-derivation.ts):
 * deleteGeneration and the startup cleanup remove it with its generation.
 */
export const idIndexKind = (gen: string) => `ids ${gen}`;

/**
 * Reads entities by dataset and id, from each dataset's current generation.
 * An id's position comes from the generation's id index (src/packing/id-index.ts),
 * made once from its name list and kept in IndexedDB; a generation never
 * changes once written, so the positions it gives hold for good.
 */
export function createEntityReader({ db }: { db: FactlensDb }) {
  const positions = new Map<string, Promise<IdIndex>>();
  // A committed generation's blocks never change, so the blocks read lately
  // can serve the next keystroke's search or the next card without a read.
  const recent = new Map<string, EntityBlockRecord | undefined>();

  function positionsOf(gen: string): Promise<IdIndex> {
    let found = positions.get(gen);
    if (!found) {
      found = readOrBuild<IdIndex, IdIndex>({
        db,
        kind: idIndexKind(gen),
        format: 'ids-1',
        signature: gen,
        // A generation without a list has no entity to find.
        build: async () => buildIdIndex((await db.nameLists.get(gen))?.ids ?? []),
        pack: (index) => index,
        unpack: (index) => index,
      });
      found.catch(() => positions.delete(gen));
      positions.set(gen, found);
      // Replaced generations are never asked for again; keep the newest few.
      keepNewest(positions, MAX_CACHED_GENERATIONS);
    }
    return found;
  }

  return {
    /** One result per ref, null where there is no such entity (or dataset). */
    async read(refs: readonly { dataset: string; id: string }[]): Promise<(EntityRecord | null)[]> {
      if (refs.length === 0) return [];
      const gens = await generations({ db, enabledOnly: false });
      const located = refs.map(({ dataset, id }) => ({ gen: gens.get(dataset), id }));
      const seqs = await Promise.all(located.map(async ({ gen, id }) => (gen === undefined ? undefined : positionIn(await positionsOf(gen), id))));
      const blockKey = (gen: string, seq: number) => `${Math.floor(seq / BLOCK)} ${gen}`;
      const wanted = new Map<string, [string, number]>();
      located.forEach(({ gen }, i) => {
        const seq = seqs[i];
        if (gen !== undefined && seq !== undefined) wanted.set(blockKey(gen, seq), [gen, Math.floor(seq / BLOCK)]);
      });
      const missing = [...wanted.keys()].filter((key) => !recent.has(key));
      const rows = await db.entityBlocks.bulkGet(missing.map((key) => wanted.get(key)!));
      missing.forEach((key, i) => recent.set(key, rows[i]));
      const blocks = new Map([...wanted.keys()].map((key) => [key, recent.get(key)]));
      keepNewest(recent, MAX_CACHED_BLOCKS);
      return located.map(({ gen }, i) => {
        const seq = seqs[i];
        if (gen === undefined || seq === undefined) return null;
        const block = blocks.get(blockKey(gen, seq));
        const entity = block?.entities[seq % BLOCK];
        return block && entity ? { ...entity, dataset: block.dataset } : null;
      });
    },
  };
}

export type EntityReader = ReturnType<typeof createEntityReader>;
