import { DATASET_FORMAT } from '../../src/dataset/schema';
import type { DatasetInfo, ExportPage } from '../../src/messages/protocol';
import { publicSourceOf } from './dataset-records';
import type { FactlensDb, StoredDataset } from './db';
import { deleteEntities, entitiesInOrder, idIndexKind } from './entity-blocks';

/** Whether a dataset's names stay hidden from pages. Imports stored before the setting existed count as private: the safe side. */
export function isPrivate(stored: StoredDataset): boolean {
  return stored.private ?? !stored.bundled;
}

export function datasetInfo(stored: StoredDataset): DatasetInfo {
  const { generation: _gen, ...info } = stored;
  return { ...info, private: isPrivate(stored) };
}

async function updateDataset({ db, id, change }: { db: FactlensDb; id: string; change: Partial<StoredDataset> }): Promise<DatasetInfo> {
  const updated = await db.transaction('rw', db.datasets, async () => {
    const found = await db.datasets.get(id);
    if (!found) throw new Error(`there is no dataset "${id}"`);
    await db.datasets.update(id, change);
    return { ...found, ...change };
  });
  return datasetInfo(updated);
}

export function setDatasetEnabled({ db, id, enabled }: { db: FactlensDb; id: string; enabled: boolean }): Promise<DatasetInfo> {
  return updateDataset({ db, id, change: { enabled } });
}

export function setDatasetPrivate({ db, id, private: hidden }: { db: FactlensDb; id: string; private: boolean }): Promise<DatasetInfo> {
  return updateDataset({ db, id, change: { private: hidden } });
}

/** Deletes rows of generations that no dataset and no running import points to. */
export async function deleteGeneration({ db, gen }: { db: FactlensDb; gen: string }): Promise<void> {
  await deleteEntities({ db, gen });
  await db.sourceRows.where('gen').equals(gen).delete();
  await db.nameLists.delete(gen);
  await db.caches.where('name').startsWith(`${idIndexKind(gen)}:`).delete();
}

export async function removeDataset({ db, id }: { db: FactlensDb; id: string }): Promise<void> {
  const gen = await db.transaction('rw', db.datasets, async () => {
    const found = await db.datasets.get(id);
    if (!found) throw new Error(`there is no dataset "${id}"`);
    if (found.bundled) throw new Error('the bundled dataset can be disabled but not removed');
    await db.datasets.delete(id);
    return found.generation;
  });
  // The dataset is gone as soon as its record is; its rows are now unreferenced.
  await deleteGeneration({ db, gen });
}

/** One page of a dataset in the public format; the header and sources come with the first. */
export async function exportPage({ db, id, offset, limit }: { db: FactlensDb; id: string; offset: number; limit: number }): Promise<ExportPage> {
  const found = await db.datasets.get(id);
  if (!found) throw new Error(`there is no dataset "${id}"`);
  const gen = found.generation;
  const entities = await entitiesInOrder({ db, gen, offset, limit });
  const page: ExportPage = { entities, total: found.entityCount };
  if (offset === 0) {
    const sources = (await db.sourceRows.where('gen').equals(gen).toArray()).sort((a, b) => a.seq - b.seq);
    page.dataset = {
      format: DATASET_FORMAT,
      id: found.id,
      name: found.name,
      version: found.version,
      ...(found.description === undefined ? {} : { description: found.description }),
      sources: sources.map(publicSourceOf),
    };
  }
  return page;
}
