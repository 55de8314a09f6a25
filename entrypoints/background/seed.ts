import type { Dataset } from '../../src/dataset/schema';
import { datasetRows, newGeneration } from './dataset-records';
import { deleteGeneration } from './datasets';
import type { FactlensDb } from './db';
import { nameListOf } from './name-lists';

/**
 * Loads the bundled dataset in one transaction. Running it again with the
 * same version changes nothing; a new version replaces only the bundled rows,
 * keeping whether the user enabled it, their settings and their imports.
 */
export async function seedBundled({ db, dataset }: { db: FactlensDb; dataset: Dataset }): Promise<'seeded' | 'updated' | 'unchanged'> {
  return db.transaction('rw', [db.datasets, db.entityBlocks, db.sourceRows, db.nameLists, db.caches], async () => {
    const existing = await db.datasets.get(dataset.id);
    if (existing?.version === dataset.version) return 'unchanged';
    // Ids are no longer record keys, so the store does not catch a duplicate itself.
    const ids = new Set<string>();
    for (const e of dataset.entities) {
      if (ids.has(e.id)) throw new Error(`duplicate entity id "${e.id}" in the bundled dataset`);
      ids.add(e.id);
    }
    const gen = newGeneration(dataset.id);
    const rows = datasetRows({ dataset, gen });
    await db.entityBlocks.bulkAdd(rows.entities);
    await db.sourceRows.bulkAdd(rows.sources);
    await db.nameLists.put(nameListOf({ gen, entities: dataset.entities }));
    await db.datasets.put({
      id: dataset.id,
      name: dataset.name,
      version: dataset.version,
      ...(dataset.description === undefined ? {} : { description: dataset.description }),
      bundled: true,
      enabled: existing?.enabled ?? true,
      private: existing?.private ?? false,
      entityCount: dataset.entities.length,
      sourceCount: rows.sources.length,
      updatedAt: Date.now(),
      generation: gen,
    });
    if (existing) await deleteGeneration({ db, gen: existing.generation });
    return existing ? 'updated' : 'seeded';
  });
}
