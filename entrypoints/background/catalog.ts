import type { Alias, EntityType } from '../../src/dataset/schema';
import { entityKey, type EntityKey } from '../../src/messages/protocol';
import { generations } from './datasets';
import type { FactlensDb } from './db';

export interface CatalogEntry {
  key: EntityKey;
  name: string;
  type: EntityType;
  aliases: Alias[];
}

/**
 * The names of every entity in the enabled datasets: what the matcher and
 * the search index are built from. Read once per change of the datasets and
 * shared by both.
 */
export function createCatalog({ db }: { db: FactlensDb }) {
  let loading: Promise<CatalogEntry[]> | null = null;
  let version = 0;

  async function load(): Promise<CatalogEntry[]> {
    const entries: CatalogEntry[] = [];
    for (const [dataset, gen] of await generations({ db, enabledOnly: true })) {
      await db.entityRows
        .where('gen')
        .equals(gen)
        .each((e) => {
          entries.push({ key: entityKey({ dataset, id: e.id }), name: e.name, type: e.type, aliases: e.aliases });
        });
    }
    return entries;
  }

  return {
    get(): Promise<CatalogEntry[]> {
      loading ??= load().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      return loading;
    },
    /** Bumped on every change, so caches built from an older catalog know to rebuild. */
    get version(): number {
      return version;
    },
    invalidate(): void {
      loading = null;
      version++;
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
