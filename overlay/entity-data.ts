import { entityKey, parseEntityKey, type EntityKey } from '../src/messages/entity-key';
import type { EntityRecord, SourceInfo } from '../src/messages/protocol';
import type { request as requestFn } from '../utils/messaging';

type Request = typeof requestFn;

/**
 * Entity records and source metadata for the entities found on this page,
 * fetched from the background in one batch per scan and kept for the life
 * of the page, so a card opens without waiting on the store.
 */
export function createEntityData({ request }: { request: Request }) {
  const entities = new Map<EntityKey, Promise<EntityRecord | null>>();
  const sources = new Map<string, Promise<SourceInfo | null>>();

  async function loadSources(records: (EntityRecord | null)[]): Promise<void> {
    const wanted = new Set<string>();
    for (const e of records) {
      if (!e) continue;
      for (const m of e.mentions) wanted.add(entityKey({ dataset: e.dataset, id: m.source }));
      for (const r of e.roles) for (const ev of r.evidence) wanted.add(entityKey({ dataset: e.dataset, id: ev.source }));
    }
    const missing = [...wanted].filter((k) => !sources.has(k));
    if (missing.length === 0) return;
    const answer = request({ type: 'getSourceInfos', refs: missing.map(parseEntityKey) });
    missing.forEach((key, i) => sources.set(key, answer.then((infos) => infos[i] ?? null).catch(() => null)));
    await answer.catch(() => {});
  }

  return {
    /** Fetches, in one request, whatever of `keys` is not cached yet. */
    async prefetch(keys: Iterable<EntityKey>): Promise<void> {
      const missing = [...new Set(keys)].filter((k) => !entities.has(k));
      if (missing.length === 0) return;
      const answer = request({ type: 'getEntities', refs: missing.map(parseEntityKey) });
      missing.forEach((key, i) => entities.set(key, answer.then((records) => records[i] ?? null).catch(() => null)));
      const records = await answer.catch(() => []);
      await loadSources(records);
    },
    async card(
      keys: readonly EntityKey[],
    ): Promise<{ entities: EntityRecord[]; sources: Map<string, SourceInfo>; names: Map<EntityKey, string> }> {
      await this.prefetch(keys);
      const records = (await Promise.all(keys.map((k) => entities.get(k)!))).filter((e): e is EntityRecord => e !== null);
      // Roles name their organizations by id; the card shows their names.
      const orgKeys = records.flatMap((e) =>
        e.roles.flatMap((r) => (r.organization ? [entityKey({ dataset: e.dataset, id: r.organization })] : [])),
      );
      await Promise.all([loadSources(records), this.prefetch(orgKeys)]);
      const names = new Map<EntityKey, string>();
      for (const key of orgKeys) {
        const org = await entities.get(key);
        if (org) names.set(key, org.name);
      }
      const infos = new Map<string, SourceInfo>();
      for (const [key, info] of sources) {
        const value = await info;
        if (value) infos.set(key, value);
      }
      return { entities: records, sources: infos, names };
    },
    clear(): void {
      entities.clear();
      sources.clear();
    },
  };
}

export type EntityData = ReturnType<typeof createEntityData>;
