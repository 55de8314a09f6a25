import type { EntityRecord, RequestOf, RequestType, ResponseMap, SourceInfo, SourceRecord } from '../../src/messages/protocol';
import { viewerPath } from '../../src/viewer-link';
import type { FactlensDb, StoredEntity } from './db';
import type { MatcherService } from './matcher-service';
import { readSiteSettings, writeSiteSettings } from './site-settings';

function publicEntity(stored: StoredEntity | undefined): EntityRecord | null {
  if (!stored) return null;
  const { aliasKeys: _keys, ...entity } = stored;
  return entity;
}

function sourceInfo(source: SourceRecord | undefined): SourceInfo | null {
  if (!source) return null;
  const { text: _text, ...info } = source;
  return info;
}

/** What the browser tells about the sender, for requests that act on its tab. */
export interface RequestContext {
  tabId?: number | undefined;
  tabIndex?: number | undefined;
}

/** Side effects outside the store, passed in so tests can observe them. */
export interface Effects {
  openTab(options: { path: string; openerTabId?: number | undefined; index?: number | undefined }): Promise<void>;
  /** Tells open tabs and pages that settings or datasets changed. */
  broadcast(message: { type: 'settingsChanged' } | { type: 'datasetsChanged' }): void;
}

type Handlers = { [T in RequestType]: (request: RequestOf<T>, context?: RequestContext) => Promise<ResponseMap[T]> };

/** One handler per request type; the router has validated and authorised the request already. */
export function createHandlers({ db, matcher, effects }: { db: FactlensDb; matcher: MatcherService; effects: Effects }): Handlers {
  return {
    getEntity: async ({ dataset, id }) => publicEntity(await db.entities.get([dataset, id])),
    getEntities: async ({ refs }) =>
      (await db.entities.bulkGet(refs.map((r) => [r.dataset, r.id] as [string, string]))).map(publicEntity),
    getSource: async ({ dataset, id }) => (await db.sources.get([dataset, id])) ?? null,
    getSourceInfos: async ({ refs }) =>
      (await db.sources.bulkGet(refs.map((r) => [r.dataset, r.id] as [string, string]))).map(sourceInfo),
    scanTexts: async ({ texts }) => ({ matches: await matcher.scanTexts(texts) }),
    openSource: async ({ dataset, source, start, end }, { tabId, tabIndex } = {}) => {
      await effects.openTab({
        path: viewerPath({ dataset, source, start, end }),
        openerTabId: tabId,
        index: tabIndex === undefined ? undefined : tabIndex + 1,
      });
      return null;
    },
    getSiteSettings: ({ host }) => readSiteSettings({ db, host }),
    setSiteSettings: async ({ host, enabled }) => {
      const settings = await writeSiteSettings({ db, host, enabled });
      effects.broadcast({ type: 'settingsChanged' });
      return settings;
    },
    listDatasets: () => db.datasets.toArray(),
  };
}
