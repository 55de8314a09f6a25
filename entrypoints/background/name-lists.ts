import { isCaseSensitive } from '../../src/dataset/alias-case';
import { packRelated, relatedEntities, relatedIn, type RelationFacts } from '../../src/dataset/related';
import type { Entity, EntityType } from '../../src/dataset/schema';
import type { NameListRecord } from './db';

const TYPE_LETTER: Record<EntityType, string> = { person: 'p', organization: 'o', place: 'l' };
export const ALIAS_NEEDS_CONTEXT = 1;
export const ALIAS_CASE_SENSITIVE = 2;
export const LETTER_TYPE: Record<string, EntityType> = { p: 'person', o: 'organization', l: 'place' };

/** Collects a generation's names as its entities are written, chunk by chunk. */
export function createNameList(gen: string) {
  const ids: string[] = [];
  const names: string[] = [];
  let types = '';
  const aliasTexts: string[] = [];
  const contextual: number[] = [];
  const flags: number[] = [];
  const owner: number[] = [];
  /** Only what relates entities (src/dataset/related.ts): the rest of each entity is not kept. */
  const facts: RelationFacts[] = [];
  let related: ReturnType<typeof relatedEntities> | null = null;
  const relations = () => (related ??= relatedEntities(facts));
  return {
    add(entities: readonly Entity[]): void {
      related = null;
      for (const e of entities) {
        const index = ids.push(e.id) - 1;
        names.push(e.name);
        types += TYPE_LETTER[e.type];
        for (const a of e.aliases) {
          aliasTexts.push(a.text);
          contextual.push(a.contextual ? 1 : 0);
          flags.push((a.needsContext ? ALIAS_NEEDS_CONTEXT : 0) | (isCaseSensitive(a) ? ALIAS_CASE_SENSITIVE : 0));
          owner.push(index);
        }
        facts.push({
          id: e.id,
          type: e.type,
          related: e.related,
          roles: e.roles.map((r) => ({ organization: r.organization })),
          mentions: e.mentions.map((m) => ({ source: m.source, sentenceStart: m.sentenceStart })),
        });
      }
    },
    /** The ids of entities that could never be highlighted (as validateDataset's neverMatchable). */
    neverMatchable(): string[] {
      const packed = packRelated(relations());
      const matchable = new Uint8Array(ids.length);
      owner.forEach((e, a) => {
        if (contextual[a]) return;
        if (!(flags[a]! & ALIAS_NEEDS_CONTEXT) || relatedIn(packed, e).length > 0) matchable[e] = 1;
      });
      return ids.filter((_, e) => !matchable[e]);
    },
    record(): NameListRecord {
      return {
        gen,
        ids,
        names,
        types,
        aliasTexts,
        aliasContextual: Uint8Array.from(contextual),
        aliasFlags: Uint8Array.from(flags),
        aliasOwner: Int32Array.from(owner),
        related: packRelated(relations()),
      };
    },
  };
}

export function nameListOf({ gen, entities }: { gen: string; entities: readonly Entity[] }): NameListRecord {
  const list = createNameList(gen);
  list.add(entities);
  return list.record();
}
