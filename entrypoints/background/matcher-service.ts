import { buildDictionary, scan, type Dictionary, type Pattern } from '../../src/matcher';
import type { EntityKey, TextMatch } from '../../src/messages/protocol';
import type { Catalog } from './catalog';

interface Compiled {
  version: number;
  dictionary: Dictionary;
  keys: EntityKey[];
}

/**
 * One automaton over every alias of every enabled dataset, built once per
 * change of the datasets and shared by all tabs. Pages send text here rather
 * than each holding its own copy of a dictionary that can reach tens of
 * megabytes, and the scan runs off the page's main thread.
 */
export function createMatcherService({ catalog }: { catalog: Catalog }) {
  let compiled: Promise<Compiled> | null = null;

  async function compile(version: number): Promise<Compiled> {
    const entries = await catalog.get();
    const patterns: Pattern[] = [];
    entries.forEach((entry, entity) => {
      for (const alias of entry.aliases) patterns.push({ text: alias.text, contextual: alias.contextual === true, entity });
    });
    return { version, dictionary: buildDictionary({ patterns }), keys: entries.map((e) => e.key) };
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

  async function current(): Promise<Compiled> {
    const version = catalog.version;
    if (compiled) {
      const c = await compiled.catch(() => null);
      if (c && c.version === version) return c;
    }
    compiled = compile(version);
    compiled.catch(() => (compiled = null));
    return compiled;
  }

  return {
    async scanTexts(texts: readonly string[]): Promise<TextMatch[][]> {
      const c = await current();
      return texts.map((text) => toTextMatches(c, text));
    },
  };
}

export type MatcherService = ReturnType<typeof createMatcherService>;
