import type { Entity } from '../../src/dataset/schema';
import { entityKey, parseEntityKey, type Card, type EntityKey } from '../../src/messages/protocol';
import type { FactlensDb } from './db';
import type { EntityReader } from './entity-blocks';
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

/**
 * Everything a card shows for each ref, read in three batches whatever the
 * number of refs: the entities, then at once the organizations their roles
 * name and the sources they cite. Null where there is no such entity.
 */
export async function readCards({ db, entities, refs }: {
  db: FactlensDb;
  entities: EntityReader;
  refs: readonly { dataset: string; id: string }[];
}): Promise<(Card | null)[]> {
  const records = await entities.read(refs);
  const orgKeys = new Set<EntityKey>();
  const sourceKeys = new Set<string>();
  for (const record of records) {
    if (!record) continue;
    for (const id of namedOrganizations(record)) orgKeys.add(entityKey({ dataset: record.dataset, id }));
    for (const id of citedSources(record)) sourceKeys.add(entityKey({ dataset: record.dataset, id }));
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
    for (const id of citedSources(entity)) {
      const key = entityKey({ dataset: entity.dataset, id });
      const info = sources.get(key);
      if (info) card.sources[key] = info;
    }
    return card;
  });
}
