import type { FactlensDb } from './db';

/**
 * The generation each dataset's rows carry now; enabled datasets only when
 * asked. Requests name datasets, rows are keyed by generation (db.ts): only
 * the store's readers (entity-blocks.ts, sources.ts, catalog.ts) call this,
 * so handlers and services never see a generation.
 */
export async function generations({ db, enabledOnly }: { db: FactlensDb; enabledOnly: boolean }): Promise<Map<string, string>> {
  const all = await db.datasets.toArray();
  return new Map(all.filter((d) => !enabledOnly || d.enabled).map((d) => [d.id, d.generation]));
}
