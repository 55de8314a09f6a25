import { entityKey, type EntityKey, type EntityRecord, type OrganizationPeople, type SourceInfo } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';

/** Everything EntityCard needs for one entity. */
export interface CardData {
  entity: EntityRecord;
  /** By entityKey({ dataset, id: sourceId }). */
  sources: Map<string, SourceInfo>;
  /** Names of the organizations the entity's roles refer to, by entityKey. */
  names: Map<EntityKey, string>;
  /** An organization's people, by its entityKey. */
  people: Map<EntityKey, OrganizationPeople>;
}

/** One entity's card, in one request; null when the entity no longer exists. */
export async function loadCardData(ref: { dataset: string; id: string }): Promise<CardData | null> {
  const [card] = await request({ type: 'getCards', refs: [ref] });
  if (!card) return null;
  return {
    entity: card.entity,
    sources: new Map(Object.entries(card.sources)),
    names: new Map(Object.entries(card.names)),
    people: new Map(card.people ? [[entityKey(card.entity), card.people]] : []),
  };
}
