import type { Entity, EntityType } from '../../src/dataset/schema';
import type { NameListRecord } from './db';

const TYPE_LETTER: Record<EntityType, string> = { person: 'p', organization: 'o', place: 'l', event: 'e' };
export const LETTER_TYPE: Record<string, EntityType> = { p: 'person', o: 'organization', l: 'place', e: 'event' };

/** Collects a generation's names as its entities are written, chunk by chunk. */
export function createNameList(gen: string) {
  const ids: string[] = [];
  const names: string[] = [];
  let types = '';
  const aliasTexts: string[] = [];
  const contextual: number[] = [];
  const owner: number[] = [];
  return {
    add(entities: readonly Entity[]): void {
      for (const e of entities) {
        const index = ids.push(e.id) - 1;
        names.push(e.name);
        types += TYPE_LETTER[e.type];
        for (const a of e.aliases) {
          aliasTexts.push(a.text);
          contextual.push(a.contextual ? 1 : 0);
          owner.push(index);
        }
      }
    },
    record(): NameListRecord {
      return { gen, ids, names, types, aliasTexts, aliasContextual: Uint8Array.from(contextual), aliasOwner: Int32Array.from(owner) };
    },
  };
}

export function nameListOf({ gen, entities }: { gen: string; entities: readonly Entity[] }): NameListRecord {
  const list = createNameList(gen);
  list.add(entities);
  return list.record();
}
