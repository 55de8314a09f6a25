import { entityKey, parseEntityKey, type EntityKey, type EntityRecord, type SourceInfo } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';

/** Everything EntityCard needs for one entity. */
export interface CardData {
  entity: EntityRecord;
  /** By entityKey({ dataset, id: sourceId }). */
  sources: Map<string, SourceInfo>;
  /** Names of the organizations the entity's roles refer to, by entityKey. */
  names: Map<EntityKey, string>;
}

/**
 * Loads an entity, then in parallel the sources its mentions and evidence
 * cite and the organizations its roles name. Only the entity is essential:
 * without the others the card still shows, citing sources and organizations
 * by id. Resolves null when the entity no longer exists.
 */
export async function loadCardData(ref: { dataset: string; id: string }): Promise<CardData | null> {
  const [entity] = await request({ type: 'getEntities', refs: [ref] });
  if (!entity) return null;
  const { dataset } = entity;

  const sourceKeys = new Set<string>();
  for (const m of entity.mentions) sourceKeys.add(entityKey({ dataset, id: m.source }));
  for (const r of entity.roles) for (const ev of r.evidence) sourceKeys.add(entityKey({ dataset, id: ev.source }));
  const orgKeys = new Set<EntityKey>();
  for (const r of entity.roles) if (r.organization !== undefined) orgKeys.add(entityKey({ dataset, id: r.organization }));

  const [infos, orgs] = await Promise.all([
    batch([...sourceKeys], (refs) => request({ type: 'getSourceInfos', refs })),
    batch([...orgKeys], (refs) => request({ type: 'getEntities', refs })),
  ]);

  const sources = new Map<string, SourceInfo>();
  [...sourceKeys].forEach((key, i) => {
    const info = infos[i];
    if (info) sources.set(key, info);
  });
  const names = new Map<EntityKey, string>();
  [...orgKeys].forEach((key, i) => {
    const org = orgs[i];
    if (org) names.set(key, org.name);
  });
  return { entity, sources, names };
}

/** One request for all keys, or none when there are none; a failure counts as "none found". */
async function batch<T>(keys: EntityKey[], ask: (refs: { dataset: string; id: string }[]) => Promise<(T | null)[]>): Promise<(T | null)[]> {
  if (keys.length === 0) return [];
  return ask(keys.map(parseEntityKey)).catch(() => []);
}
