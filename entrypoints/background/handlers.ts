import type { RequestOf, RequestType, ResponseMap, EntityRecord } from '../../src/messages/protocol';
import type { FactlensDb, StoredEntity } from './db';
import { readSiteSettings, writeSiteSettings } from './site-settings';

function publicEntity(stored: StoredEntity | undefined): EntityRecord | null {
  if (!stored) return null;
  const { aliasKeys: _keys, ...entity } = stored;
  return entity;
}

type Handlers = { [T in RequestType]: (request: RequestOf<T>) => Promise<ResponseMap[T]> };

/** One handler per request type; the router has validated and authorised the request already. */
export function createHandlers({ db }: { db: FactlensDb }): Handlers {
  return {
    getEntity: async ({ dataset, id }) => publicEntity(await db.entities.get([dataset, id])),
    getEntities: async ({ refs }) =>
      (await db.entities.bulkGet(refs.map((r) => [r.dataset, r.id] as [string, string]))).map(publicEntity),
    getSource: async ({ dataset, id }) => (await db.sources.get([dataset, id])) ?? null,
    getSiteSettings: ({ host }) => readSiteSettings({ db, host }),
    setSiteSettings: ({ host, enabled }) => writeSiteSettings({ db, host, enabled }),
    listDatasets: () => db.datasets.toArray(),
  };
}
