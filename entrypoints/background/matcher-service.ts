import { patternsFromEntities } from '../../src/dataset/patterns';
import { packRelated, relatedIn, type PackedRelated } from '../../src/dataset/related';
import { buildDictionary, scanCandidates, withKeys, type Dictionary } from '../../src/matcher';
import { packDictionary, unpackDictionary, type PackedDictionary } from '../../src/matcher/packed';
import type { TextMatch } from '../../src/messages/protocol';
import { entityKeyAt, packEntityKeys, type PackedEntityKeys } from '../../src/packing/entity-keys';
import type { Catalog } from './catalog';
import type { FactlensDb } from './db';
import { perSignature, readOrBuild } from './stored-derivation';

interface Compiled {
  signature: string;
  dictionary: Dictionary;
  keys: PackedEntityKeys;
  /** By catalog index: what supports each entity's names that need context. */
  related: PackedRelated;
}

/** As stored: no array of strings, which a worker's cold start would rebuild one string at a time. */
interface Stored extends Omit<Compiled, 'dictionary'> {
  dictionary: PackedDictionary;
}

/** Bump when the Dictionary or Stored layout changes, so a stored automaton from older code is not used. */
const STORED_AS = 'matcher-9';

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
  function compile(signature: string): Promise<Compiled> {
    return readOrBuild<Compiled, Stored>({
      db,
      kind: 'matcher',
      format: STORED_AS,
      signature,
      build: async () => {
        const entries = await catalog.get();
        return {
          signature,
          dictionary: buildDictionary({ patterns: patternsFromEntities(entries) }),
          keys: packEntityKeys(entries.map((e) => e.key)),
          related: packRelated(entries.map((e) => e.related)),
        };
      },
      pack: (built) => ({ ...built, dictionary: packDictionary(built.dictionary) }),
      unpack: (stored) => ({ ...stored, dictionary: unpackDictionary(stored.dictionary) }),
    });
  }

  function toTextMatches({ dictionary, keys, related }: Compiled, text: string): TextMatch[] {
    const relatedOf = (entity: number) => relatedIn(related, entity);
    return withKeys(scanCandidates({ dictionary, text, relatedOf }), (entity) => entityKeyAt(keys, entity));
  }

  const current = perSignature(catalog, compile);

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
