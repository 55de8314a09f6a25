import type { Alias, EntityType } from '../../src/dataset/schema';
import { entityKey, type EntityKey } from '../../src/messages/protocol';
import { isPrivate } from './datasets';
import type { FactlensDb, NameListRecord } from './db';
import { generations } from './generations';
import { LETTER_TYPE } from './name-lists';

export interface CatalogEntry {
  key: EntityKey;
  name: string;
  type: EntityType;
  aliases: Alias[];
}

/** Every generation has one: seeding and imports write it, and the version 3 upgrade wrote any missing. */
async function nameList(db: FactlensDb, gen: string): Promise<NameListRecord> {
  const stored = await db.nameLists.get(gen);
  if (!stored) throw new Error(`the names of generation "${gen}" are missing`);
  return stored;
}

function entriesOf(dataset: string, list: NameListRecord): CatalogEntry[] {
  const entries: CatalogEntry[] = list.ids.map((id, i) => ({
    key: entityKey({ dataset, id }),
    name: list.names[i]!,
    type: LETTER_TYPE[list.types[i]!]!,
    aliases: [],
  }));
  list.aliasTexts.forEach((text, a) => {
    entries[list.aliasOwner[a]!]!.aliases.push(list.aliasContextual[a] ? { text, contextual: true } : { text });
  });
  return entries;
}

/**
 * The names of every entity in the enabled datasets: what the matcher and
 * the search index are built from. Read once per change of the datasets and
 * shared by both.
 */
export function createCatalog({ db }: { db: FactlensDb }) {
  let loading: Promise<CatalogEntry[]> | null = null;
  let signing: Promise<string> | null = null;
  let hidden: Promise<string[]> | null = null;
  let version = 0;

  async function load(): Promise<CatalogEntry[]> {
    const entries: CatalogEntry[] = [];
    for (const [dataset, gen] of await generations({ db, enabledOnly: true })) {
      // Not push(...list): spreading 100,000 arguments overflows the stack.
      for (const entry of entriesOf(dataset, await nameList(db, gen))) entries.push(entry);
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
    /**
     * Names exactly which data the catalog holds: the enabled datasets'
     * generations. A structure derived from the catalog stays valid, across
     * worker restarts too, for as long as the signature is the same.
     */
    signature(): Promise<string> {
      // Asked on every scan; the datasets table changes only through invalidate().
      signing ??= generations({ db, enabledOnly: true }).then((gens) => JSON.stringify([...gens.entries()].sort()));
      signing.catch(() => (signing = null));
      return signing;
    },
    /** The enabled datasets whose names a page must not be able to read. */
    privateDatasets(): Promise<string[]> {
      // Asked on every scan, like signature().
      hidden ??= db.datasets.toArray().then((all) => all.filter((d) => d.enabled && isPrivate(d)).map((d) => d.id));
      hidden.catch(() => (hidden = null));
      return hidden;
    },
    /** Bumped on every change, so in-memory caches know to rebuild. */
    get version(): number {
      return version;
    },
    invalidate(): void {
      loading = null;
      signing = null;
      hidden = null;
      version++;
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
