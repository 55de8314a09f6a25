import { patternsFromEntities } from '../../src/dataset/patterns';
import { packRelated, relatedIn, type PackedRelated } from '../../src/dataset/related';
import { buildDictionary, scanCandidates, withKeys, type Dictionary } from '../../src/matcher';
import { packDictionary, packStrings, stringAt, unpackDictionary, type PackedDictionary, type PackedStrings } from '../../src/matcher/packed';
import type { TextMatch } from '../../src/messages/protocol';
import type { Catalog } from './catalog';
import type { FactlensDb } from './db';

interface Compiled {
  signature: string;
  dictionary: Dictionary;
  keys: PackedStrings;
  /** By catalog index: what supports each entity's names that need context. */
  related: PackedRelated;
}

/** As stored: no array of strings, which a worker's cold start would rebuild one string at a time. */
interface Stored extends Omit<Compiled, 'dictionary'> {
  dictionary: PackedDictionary;
}

/** Bump when the Dictionary or Stored layout changes, so a stored automaton from older code is not used. */
const FORMAT = 'matcher-7';
/**
 * The stored automaton's row is named by its signature, so checking for it
 * reads nothing when it is missing; reading a stale 20 MB row just to compare
 * a key would cost more than it saves.
 */
const CACHE_PREFIX = 'matcher:';

/**
 * One automaton over every alias of every enabled dataset, shared by all
 * tabs. Pages send text here rather than each holding its own copy of a
 * dictionary that can reach tens of megabytes, and the scan runs off the
 * page's main thread.
 *
 * It is built once per change of the datasets and kept in IndexedDB, so a
 * worker that the browser stopped and started again reads it back (one
 * buffer and a few strings: packed.ts) instead of rebuilding it from every
 * entity.
 */
export function createMatcherService({ db, catalog }: { db: FactlensDb; catalog: Catalog }) {
  let compiled: Promise<Compiled> | null = null;

  async function compile(signature: string): Promise<Compiled> {
    const name = `${CACHE_PREFIX}${signature}`;
    const stored = (await db.caches.get(name))?.value as Stored | undefined;
    if (stored) return { ...stored, dictionary: unpackDictionary(stored.dictionary) };
    const entries = await catalog.get();
    const built: Compiled = {
      signature,
      dictionary: buildDictionary({ patterns: patternsFromEntities(entries) }),
      keys: packStrings(entries.map((e) => e.key)),
      related: packRelated(entries.map((e) => e.related)),
    };
    const value: Stored = { ...built, dictionary: packDictionary(built.dictionary) };
    // Stored in the background: the scan need not wait for the write.
    void db
      .transaction('rw', db.caches, async () => {
        await db.caches.where('name').startsWith(CACHE_PREFIX).delete();
        await db.caches.put({ name, key: signature, value });
      })
      .catch(() => {});
    return built;
  }

  function toTextMatches({ dictionary, keys, related }: Compiled, text: string): TextMatch[] {
    const relatedOf = (entity: number) => relatedIn(related, entity);
    return withKeys(scanCandidates({ dictionary, text, relatedOf }), (entity) => stringAt(keys, entity));
  }

  async function current(): Promise<Compiled> {
    const signature = `${FORMAT}:${await catalog.signature()}`;
    if (compiled) {
      const c = await compiled.catch(() => null);
      if (c?.signature === signature) return c;
    }
    const next = compile(signature);
    compiled = next;
    next.catch(() => {
      if (compiled === next) compiled = null;
    });
    return next;
  }

  return {
    async scanTexts(texts: readonly string[]): Promise<TextMatch[][]> {
      const c = await current();
      return texts.map((text) => toTextMatches(c, text));
    },
    /** Builds (or loads) the automaton now, so the next page need not wait for it. */
    async warm(): Promise<void> {
      await current();
    },
  };
}

export type MatcherService = ReturnType<typeof createMatcherService>;
