import { buildDictionary, scan, type Dictionary, type Pattern } from '../../src/matcher';
import { entityKey, type EntityKey, type TextMatch } from '../../src/messages/protocol';
import type { FactlensDb } from './db';

interface Compiled {
  dictionary: Dictionary;
  keys: EntityKey[];
}

/**
 * One automaton over every alias of every enabled dataset, built once per
 * change of the datasets and shared by all tabs. Pages send text here rather
 * than each holding its own copy of a dictionary that can reach tens of
 * megabytes, and the scan runs off the page's main thread.
 */
export function createMatcherService({ db }: { db: FactlensDb }) {
  let compiled: Promise<Compiled> | null = null;

  async function compile(): Promise<Compiled> {
    const enabled = (await db.datasets.toArray()).filter((d) => d.enabled).map((d) => d.id);
    const patterns: Pattern[] = [];
    const keys: EntityKey[] = [];
    for (const dataset of enabled) {
      await db.entities
        .where('dataset')
        .equals(dataset)
        .each((entity) => {
          const index = keys.push(entityKey(entity)) - 1;
          for (const alias of entity.aliases) {
            patterns.push({ text: alias.text, contextual: alias.contextual === true, entity: index });
          }
        });
    }
    return { dictionary: buildDictionary({ patterns }), keys };
  }

  function toTextMatches({ dictionary, keys }: Compiled, text: string): TextMatch[] {
    return scan({ dictionary, text }).map((m) => {
      const byKey = new Map<EntityKey, boolean>();
      for (const p of m.patterns) {
        const key = keys[dictionary.entity[p]!]!;
        const contextual = dictionary.contextual[p] === 1;
        // A full alias of the same entity in the same place outranks a contextual one.
        byKey.set(key, (byKey.get(key) ?? true) && contextual);
      }
      return { start: m.start, end: m.end, entities: [...byKey.keys()], contextual: [...byKey.values()] };
    });
  }

  return {
    /** Drops the automaton; the next scan rebuilds it from the store. */
    invalidate(): void {
      compiled = null;
    },
    async scanTexts(texts: readonly string[]): Promise<TextMatch[][]> {
      compiled ??= compile().catch((error: unknown) => {
        compiled = null;
        throw error;
      });
      const c = await compiled;
      return texts.map((text) => toTextMatches(c, text));
    },
  };
}

export type MatcherService = ReturnType<typeof createMatcherService>;
