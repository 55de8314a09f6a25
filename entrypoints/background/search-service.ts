import { rolesNewestFirst } from '../../src/format/role-timeline';
import { entityKey, parseEntityKey, type EntityRecord, type MainRole, type SearchHit } from '../../src/messages/protocol';
import { buildSearchIndex, packSearchIndex, searchIndex, unpackSearchIndex } from '../../src/search';
import type { Catalog } from './catalog';
import type { FactlensDb } from './db';
import type { EntityReader } from './entity-blocks';
import type { PeopleService } from './people-service';
import { perSignature, readOrBuild } from './stored-derivation';

/** Bump when the SearchIndex or its packed form changes, so a stored index from older code is not used. */
const STORED_AS = 'search-1';

/**
 * Popup search: an index over the catalog, built once per change of the
 * datasets and kept in IndexedDB, so a restarted worker's first search reads
 * it back instead of rebuilding it from every name.
 */
export function createSearchService({ db, catalog, entities, people }: { db: FactlensDb; catalog: Catalog; entities: EntityReader; people: PeopleService }) {
  const index = perSignature(catalog, (signature) =>
    readOrBuild({
      db,
      kind: 'search',
      format: STORED_AS,
      signature,
      build: async () =>
        buildSearchIndex({
          entries: (await catalog.get()).map((e) => ({ key: e.key, name: e.name, aliases: e.aliases.map((a) => a.text), type: e.type })),
        }),
      pack: packSearchIndex,
      unpack: unpackSearchIndex,
    }),
  );

  /** The newest role's title and organization name, for a result's second line; the popup joins them in the reader's language. */
  async function mainRoles(rows: EntityRecord[]): Promise<Map<EntityRecord, MainRole>> {
    const first = new Map(rows.map((row) => [row, rolesNewestFirst(row.roles)[0]]));
    const orgRefs = [...first.entries()].flatMap(([row, role]) => (role?.organization ? [{ dataset: row.dataset, id: role.organization }] : []));
    const orgs = await entities.read(orgRefs);
    const names = new Map(orgs.flatMap((o) => (o ? [[entityKey(o), o.name] as const] : [])));
    const out = new Map<EntityRecord, MainRole>();
    for (const [row, role] of first) {
      if (!role) continue;
      const org = role.organization ? names.get(entityKey({ dataset: row.dataset, id: role.organization })) : undefined;
      out.set(row, org ? { title: role.title, organization: org } : { title: role.title });
    }
    return out;
  }

  return {
    async search({ query, limit = 20 }: { query: string; limit?: number }): Promise<SearchHit[]> {
      const results = searchIndex({ index: await index(), query, limit });
      if (results.length === 0) return [];
      const rows = await entities.read(results.map((r) => parseEntityKey(r.key)));
      const present = rows.filter((r): r is EntityRecord => r !== null);
      const orgs = present.filter((r) => r.type === 'organization').map((r) => entityKey(r));
      const [roles, counts] = await Promise.all([mainRoles(present), orgs.length > 0 ? people.counts(orgs) : new Map<string, number>()]);
      return results.flatMap((result, i) => {
        const row = rows[i];
        if (!row) return [];
        const hit: SearchHit = { key: result.key, dataset: row.dataset, id: row.id, name: row.name, type: row.type };
        if (result.matched !== undefined) hit.matched = result.matched;
        const role = roles.get(row);
        if (role !== undefined) hit.mainRole = role;
        const count = counts.get(result.key);
        if (count !== undefined) hit.people = count;
        return [hit];
      });
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
