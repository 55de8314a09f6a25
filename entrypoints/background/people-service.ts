import { MAX_CARD_PEOPLE } from '../../src/limits';
import { entityKey, parseEntityKey, type EntityKey, type EntityRecord, type OrganizationPeople } from '../../src/messages/protocol';
import { packPeopleIndex, unpackPeopleIndex } from '../../src/people/packed';
import { addToPeopleIndex, createPeopleIndex, peopleAt, peopleCount, type PeopleIndex } from '../../src/people/reverse-index';
import type { Catalog } from './catalog';
import type { FactlensDb } from './db';
import type { EntityReader } from './entity-blocks';
import { forEachEntity } from './entity-blocks';
import { generations } from './generations';
import { perSignature, readOrBuild } from './stored-derivation';

/** Bump when the PeopleIndex or its packed form changes, so a stored index from older code is not used. */
const STORED_AS = 'people-1';

/**
 * Who's who at each organization: the reverse index of the roles of every
 * enabled dataset's people. Built from the entities the first time a card
 * or a search needs it after a change of the datasets, and kept in
 * IndexedDB like the search index, so a restarted worker reads it back
 * rather than every entity again.
 */
export function createPeopleService({ db, catalog, entities }: { db: FactlensDb; catalog: Catalog; entities: EntityReader }) {
  async function build(): Promise<PeopleIndex> {
    const index = createPeopleIndex();
    for (const [dataset, gen] of await generations({ db, enabledOnly: true })) {
      await forEachEntity({ db, gen, visit: (entity) => addToPeopleIndex(index, { ...entity, dataset }) });
    }
    return index;
  }

  const index = perSignature(catalog, (signature) =>
    readOrBuild({ db, kind: 'people', format: STORED_AS, signature, build, pack: packPeopleIndex, unpack: unpackPeopleIndex }),
  );

  return {
    /** For each organization among `records`, its people (at most MAX_CARD_PEOPLE) with their roles there. */
    async peopleOf(records: readonly EntityRecord[]): Promise<Map<EntityKey, OrganizationPeople>> {
      const orgs = records.filter((r) => r.type === 'organization');
      if (orgs.length === 0) return new Map();
      const found = await index();
      const lists = orgs.map((org) => {
        const all = peopleAt(found, entityKey(org));
        return { org, total: all.length, shown: all.slice(0, MAX_CARD_PEOPLE) };
      });
      const personKeys = [...new Set(lists.flatMap((l) => l.shown.map((p) => p.person)))];
      const persons = await entities.read(personKeys.map(parseEntityKey));
      const byKey = new Map(persons.flatMap((p) => (p ? [[entityKey(p), p] as const] : [])));
      const out = new Map<EntityKey, OrganizationPeople>();
      for (const { org, total, shown } of lists) {
        if (total === 0) continue;
        const people = shown.flatMap(({ person, roles }) => {
          const record = byKey.get(person);
          if (!record) return [];
          return [{ dataset: record.dataset, id: record.id, name: record.name, roles: roles.flatMap((r) => record.roles[r.role] ?? []) }];
        });
        out.set(entityKey(org), { total, people });
      }
      return out;
    },
    /** How many people each organization among `keys` has; other entities are left out. */
    async counts(keys: readonly EntityKey[]): Promise<Map<EntityKey, number>> {
      const found = await index();
      return new Map(keys.map((key) => [key, peopleCount(found, key)] as const));
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
