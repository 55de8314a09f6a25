import type { Entity } from '../../src/dataset/schema';
import { entityKey, parseEntityKey, type Card, type EntityKey, type EntityRecord, type OrganizationPeople } from '../../src/messages/protocol';
import type { FactlensDb } from './db';
import type { EntityReader } from './entity-blocks';
import type { PeopleService } from './people-service';
import { readSourceInfos } from './sources';

/** The sources an entity cites: where it is mentioned and the evidence of its roles. */
function citedSources(entity: Entity): Set<string> {
  const ids = new Set<string>();
  for (const mention of entity.mentions) ids.add(mention.source);
  for (const role of entity.roles) for (const evidence of role.evidence) ids.add(evidence.source);
  return ids;
}

function namedOrganizations(entity: Entity): Set<string> {
  return new Set(entity.roles.flatMap((role) => (role.organization === undefined ? [] : [role.organization])));
}

/** The sources behind the roles of an organization's people, which date them ("as of"). */
function peopleSources(people: OrganizationPeople | undefined): EntityKey[] {
  return (people?.people ?? []).flatMap((p) => p.roles.flatMap((r) => r.evidence.map((ev) => entityKey({ dataset: p.dataset, id: ev.source }))));
}

/**
 * Everything a card shows for each ref, read in a few batches whatever the
 * number of refs: the entities and, for organizations, their people; then at
 * once the organizations their roles name and the sources they and the
 * people's roles cite. Null where there is no such entity.
 */
export async function readCards({ db, entities, people, refs }: {
  db: FactlensDb;
  entities: EntityReader;
  people: PeopleService;
  refs: readonly { dataset: string; id: string }[];
}): Promise<(Card | null)[]> {
  const records = await entities.read(refs);
  const staff = await people.peopleOf(records.filter((r): r is EntityRecord => r !== null));
  const orgKeys = new Set<EntityKey>();
  const sourceKeys = new Set<string>();
  for (const record of records) {
    if (!record) continue;
    for (const id of namedOrganizations(record)) orgKeys.add(entityKey({ dataset: record.dataset, id }));
    for (const id of citedSources(record)) sourceKeys.add(entityKey({ dataset: record.dataset, id }));
    for (const key of peopleSources(staff.get(entityKey(record)))) sourceKeys.add(key);
  }
  const orgList = [...orgKeys];
  const sourceList = [...sourceKeys];
  const [orgs, infos] = await Promise.all([
    entities.read(orgList.map(parseEntityKey)),
    readSourceInfos({ db, refs: sourceList.map(parseEntityKey) }),
  ]);
  const names = new Map(orgList.flatMap((key, i) => (orgs[i] ? [[key, orgs[i].name] as const] : [])));
  const sources = new Map(sourceList.flatMap((key, i) => (infos[i] ? [[key, infos[i]] as const] : [])));

  return records.map((entity) => {
    if (!entity) return null;
    // Plain objects travel as JSON; a key always holds a "/", so none is "__proto__".
    const card: Card = { entity, names: {}, sources: {} };
    for (const id of namedOrganizations(entity)) {
      const key = entityKey({ dataset: entity.dataset, id });
      const name = names.get(key);
      if (name !== undefined) card.names[key] = name;
    }
    const orgPeople = staff.get(entityKey(entity));
    const cited = [...[...citedSources(entity)].map((id) => entityKey({ dataset: entity.dataset, id })), ...peopleSources(orgPeople)];
    for (const key of cited) {
      const info = sources.get(key);
      if (info) card.sources[key] = info;
    }
    if (orgPeople) card.people = orgPeople;
    return card;
  });
}
