import type { EntityType, Role } from '../dataset/schema';
import { compareRolesNewestFirst } from '../format/role-timeline';
import { entityKey, type EntityKey } from '../messages/entity-key';

/** What the index reads of an entity. `sameAs`: ids shared with the same entity in other datasets. */
export interface IndexedEntity {
  dataset: string;
  id: string;
  type: EntityType;
  roles: readonly Pick<Role, 'organization' | 'start' | 'end'>[];
  sameAs?: readonly string[] | undefined;
}

/** One role of one person: `role` indexes the person's roles; its dates come along so people sort without reading them. */
export interface RoleRef {
  person: EntityKey;
  role: number;
  start?: string | undefined;
  end?: string | undefined;
}

/** A person and their roles at one organization, newest first. */
export interface PersonRoles {
  person: EntityKey;
  roles: RoleRef[];
}

/**
 * Which people's roles name which organization. Roles name an organization
 * by its id in their own dataset, so they are filed under that key; an
 * organization is found under its own key and under the keys of every
 * entity that shares one of its `sameAs` ids, which is how a person in one
 * dataset reaches an organization in another.
 */
export interface PeopleIndex {
  byOrganization: Map<EntityKey, RoleRef[]>;
  bySameAs: Map<string, EntityKey[]>;
  sameAsOf: Map<EntityKey, readonly string[]>;
}

export function createPeopleIndex(): PeopleIndex {
  return { byOrganization: new Map(), bySameAs: new Map(), sameAsOf: new Map() };
}

/** Files one entity: its roles if it is a person, its sameAs ids whatever it is. */
export function addToPeopleIndex(index: PeopleIndex, entity: IndexedEntity): void {
  const key = entityKey(entity);
  if (entity.sameAs && entity.sameAs.length > 0) fileSameAs(index, key, entity.sameAs);
  if (entity.type !== 'person') return;
  entity.roles.forEach((role, i) => {
    if (role.organization === undefined) return;
    push(index.byOrganization, entityKey({ dataset: entity.dataset, id: role.organization }), { person: key, role: i, start: role.start, end: role.end });
  });
}

/** Files the ids an entity shares with the same entity in other datasets. */
export function fileSameAs(index: PeopleIndex, key: EntityKey, ids: readonly string[]): void {
  index.sameAsOf.set(key, ids);
  for (const id of ids) push(index.bySameAs, id, key);
}

export function buildPeopleIndex(entities: Iterable<IndexedEntity>): PeopleIndex {
  const index = createPeopleIndex();
  for (const entity of entities) addToPeopleIndex(index, entity);
  return index;
}

/** The keys an organization is known by: its own, and those of entities that share a sameAs id with it. */
function sameOrganization(index: PeopleIndex, org: EntityKey): EntityKey[] {
  const keys = new Set<EntityKey>([org]);
  for (const id of index.sameAsOf.get(org) ?? []) for (const key of index.bySameAs.get(id) ?? []) keys.add(key);
  return [...keys];
}

/**
 * The people whose roles name the organization, each once with all their
 * roles there: those who hold a role now first, then the others by their
 * latest role, newest first, as a person's own roles are ordered
 * (role-timeline.ts). Ties keep the order the people were indexed in.
 */
export function peopleAt(index: PeopleIndex, org: EntityKey): PersonRoles[] {
  const people = new Map<EntityKey, RoleRef[]>();
  for (const key of sameOrganization(index, org)) {
    for (const ref of index.byOrganization.get(key) ?? []) push(people, ref.person, ref);
  }
  const byDate = (a: RoleRef, b: RoleRef) => compareRolesNewestFirst(a, b);
  return [...people]
    .map(([person, roles]) => ({ person, roles: roles.sort(byDate) }))
    .sort((a, b) => byDate(a.roles[0]!, b.roles[0]!));
}

/** How many people hold or held a role at the organization. */
export function peopleCount(index: PeopleIndex, org: EntityKey): number {
  const people = new Set<EntityKey>();
  for (const key of sameOrganization(index, org)) for (const ref of index.byOrganization.get(key) ?? []) people.add(ref.person);
  return people.size;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
