import { entityKey, parseEntityKey, type EntityKey } from '../src/messages/entity-key';
import type { Card, EntityRecord, OrganizationPeople, SourceInfo } from '../src/messages/protocol';
import { refBatches } from '../src/messages/ref-batches';
import type { request as requestFn } from '../utils/messaging';

type Request = typeof requestFn;

/**
 * The cards of the entities found on this page, fetched from the background
 * in one request per scan (several if the scan found more than a request
 * may name) and kept for the life of the page, so a card
 * opens without waiting on the store. Only answers are kept: a request that
 * failed is asked again the next time its card opens.
 */
export function createEntityData({ request }: { request: Request }) {
  const cards = new Map<EntityKey, Promise<Card | null>>();

  /** Asks for whatever of `keys` is neither cached nor on its way. */
  function fetch(keys: Iterable<EntityKey>): void {
    const missing = [...new Set(keys)].filter((k) => !cards.has(k));
    for (const batch of refBatches(missing)) {
      const answer = request({ type: 'getCards', refs: batch.map(parseEntityKey) });
      batch.forEach((key, i) => {
        const card = answer.then((found) => found[i] ?? null);
        cards.set(key, card);
        card.catch(() => {
          if (cards.get(key) === card) cards.delete(key);
        });
      });
    }
  }

  return {
    /** Starts fetching the cards of `keys` not asked for yet. */
    prefetch(keys: Iterable<EntityKey>): void {
      fetch(keys);
    },
    /** One card's content for every entity a mention may be; an entity that could not be read is left out. */
    async card(
      keys: readonly EntityKey[],
    ): Promise<{
      entities: EntityRecord[];
      sources: Map<string, SourceInfo>;
      names: Map<EntityKey, string>;
      people: Map<EntityKey, OrganizationPeople>;
    }> {
      fetch(keys);
      const found = await Promise.all(keys.map((k) => cards.get(k)!.catch(() => null)));
      const entities: EntityRecord[] = [];
      const sources = new Map<string, SourceInfo>();
      const names = new Map<EntityKey, string>();
      const people = new Map<EntityKey, OrganizationPeople>();
      for (const card of found) {
        if (!card) continue;
        entities.push(card.entity);
        for (const [key, info] of Object.entries(card.sources)) sources.set(key, info);
        for (const [key, name] of Object.entries(card.names)) names.set(key, name);
        if (card.people) people.set(entityKey(card.entity), card.people);
      }
      return { entities, sources, names, people };
    },
    clear(): void {
      cards.clear();
    },
  };
}
