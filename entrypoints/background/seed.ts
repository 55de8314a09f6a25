import type { Dataset } from '../../src/dataset/schema';
import { datasetRecords } from './dataset-records';
import type { FactlensDb } from './db';

/**
 * Loads the bundled dataset in one transaction. Running it again with the
 * same version changes nothing; a new version replaces only the bundled rows,
 * keeping whether the user enabled it, their settings and their imports.
 */
export async function seedBundled({ db, dataset }: { db: FactlensDb; dataset: Dataset }): Promise<'seeded' | 'updated' | 'unchanged'> {
  return db.transaction('rw', db.datasets, db.entities, db.sources, async () => {
    const existing = await db.datasets.get(dataset.id);
    if (existing?.version === dataset.version) return 'unchanged';
    await db.entities.where('dataset').equals(dataset.id).delete();
    await db.sources.where('dataset').equals(dataset.id).delete();
    const records = datasetRecords({ dataset, bundled: true, enabled: existing?.enabled ?? true });
    await db.entities.bulkAdd(records.entities);
    await db.sources.bulkAdd(records.sources);
    await db.datasets.put(records.info);
    return existing ? 'updated' : 'seeded';
  });
}
