import { isAcronym } from '../../src/dataset/alias-case';
import { relatedIn } from '../../src/dataset/related';
import type { Alias, EntityType } from '../../src/dataset/schema';
import { entityKey, type EntityKey } from '../../src/messages/protocol';
import { isPrivate } from './datasets';
import type { FactlensDb, NameListRecord } from './db';
import { generations } from './generations';
import { ALIAS_CASE_SENSITIVE, ALIAS_NEEDS_CONTEXT, LETTER_TYPE } from './name-lists';

export interface CatalogEntry {
  key: EntityKey;
  name: string;
  type: EntityType;
  aliases: Alias[];
  /** Related entities (src/dataset/related.ts), by index in the whole catalog; always of the same dataset. */
  related: number[];
}

/** Every generation has one: seeding and imports write it, and the version 3 upgrade wrote any missing. */
async function nameList(db: FactlensDb, gen: string): Promise<NameListRecord> {
  const stored = await db.nameLists.get(gen);
  if (!stored) throw new Error(`the names of generation "${gen}" are missing`);
  return stored;
}

/** A list written before flags existed keeps the default: acronyms are case-sensitive. */
function aliasOf(list: NameListRecord, a: number): Alias {
  const text = list.aliasTexts[a]!;
  if (list.aliasContextual[a]) return { text, contextual: true };
  const flags = list.aliasFlags?.[a];
  if (flags === undefined) return isAcronym(text) ? { text, caseSensitive: true } : { text };
  return {
    text,
    ...(flags & ALIAS_NEEDS_CONTEXT && { needsContext: true }),
    ...(flags & ALIAS_CASE_SENSITIVE && { caseSensitive: true }),
  };
}

/** Shared by every entity with no related entity, most of a large catalog. */
const NONE: number[] = [];

function relatedOf(list: NameListRecord, entity: number, base: number): number[] {
  const related = list.related && relatedIn(list.related, entity);
  return related && related.length > 0 ? Array.from(related, (r) => base + r) : NONE;
}

/** `base`: the catalog index of the list's first entity. */
function entriesOf(dataset: string, list: NameListRecord, base: number): CatalogEntry[] {
  const entries: CatalogEntry[] = list.ids.map((id, i) => ({
    key: entityKey({ dataset, id }),
    name: list.names[i]!,
    type: LETTER_TYPE[list.types[i]!]!,
    aliases: [],
    related: relatedOf(list, i, base),
  }));
  list.aliasTexts.forEach((_, a) => entries[list.aliasOwner[a]!]!.aliases.push(aliasOf(list, a)));
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

  async function load(): Promise<CatalogEntry[]> {
    const entries: CatalogEntry[] = [];
    for (const [dataset, gen] of await generations({ db, enabledOnly: true })) {
      // Not push(...list): spreading 100,000 arguments overflows the stack.
      for (const entry of entriesOf(dataset, await nameList(db, gen), entries.length)) entries.push(entry);
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
    invalidate(): void {
      loading = null;
      signing = null;
      hidden = null;
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
