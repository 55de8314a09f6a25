import type { RequestOf, RequestType, ResponseMap, SourceInfo } from '../../src/messages/protocol';
import { viewerPath } from '../../src/viewer-link';
import { readAppearance, writeAppearance } from './appearance';
import type { Catalog } from './catalog';
import { datasetInfo, exportPage, generations, removeDataset, setDatasetEnabled } from './datasets';
import type { FactlensDb, StoredSource } from './db';
import type { EntityReader } from './entity-blocks';
import type { createImports } from './imports';
import type { MatcherService } from './matcher-service';
import type { SearchService } from './search-service';
import { listSites, readSiteSettings, setGlobalEnabled, writeSiteSettings } from './site-settings';

function sourceInfo(source: StoredSource | undefined): SourceInfo | null {
  if (!source) return null;
  const { text: _text, gen: _gen, seq: _seq, ...info } = source;
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

export interface Services {
  db: FactlensDb;
  catalog: Catalog;
  entities: EntityReader;
  matcher: MatcherService;
  search: SearchService;
  imports: ReturnType<typeof createImports>;
  effects: Effects;
}

type Handlers = { [T in RequestType]: (request: RequestOf<T>, context?: RequestContext) => Promise<ResponseMap[T]> };

/** Rows are keyed by generation; requests name datasets. */
async function keysOf(db: FactlensDb, refs: { dataset: string; id: string }[]): Promise<[string, string][]> {
  const gens = await generations({ db, enabledOnly: false });
  return refs.map((r) => [gens.get(r.dataset) ?? '', r.id]);
}

async function entityRefsOf(db: FactlensDb, refs: { dataset: string; id: string }[]): Promise<{ gen: string; id: string }[]> {
  return (await keysOf(db, refs)).map(([gen, id]) => ({ gen, id }));
}

/** One handler per request type; the router has validated and authorised the request already. */
export function createHandlers({ db, catalog, entities, matcher, search, imports, effects }: Services): Handlers {
  const datasetsChanged = <T>(value: T): T => {
    catalog.invalidate();
    // Built before the tabs that the broadcast reaches ask for it.
    void matcher.warm().catch(() => {}).finally(() => effects.broadcast({ type: 'datasetsChanged' }));
    return value;
  };
  const settingsChanged = <T>(value: T): T => {
    effects.broadcast({ type: 'settingsChanged' });
    return value;
  };

  return {
    getEntity: async ({ dataset, id }) => (await entities.read(await entityRefsOf(db, [{ dataset, id }])))[0]!,
    getEntities: async ({ refs }) => entities.read(await entityRefsOf(db, refs)),
    getSource: async ({ dataset, id }) => {
      const row = await db.sourceRows.get((await keysOf(db, [{ dataset, id }]))[0]!);
      if (!row) return null;
      const { gen: _gen, seq: _seq, ...source } = row;
      return source;
    },
    getSourceInfos: async ({ refs }) => (await db.sourceRows.bulkGet(await keysOf(db, refs))).map(sourceInfo),
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
    setSiteSettings: async ({ host, enabled }) => settingsChanged(await writeSiteSettings({ db, host, enabled })),
    setGlobalEnabled: async ({ enabled }) => settingsChanged(await setGlobalEnabled({ db, enabled })),
    listSites: () => listSites({ db }),
    getAppearance: () => readAppearance({ db }),
    setAppearance: async ({ appearance }) => settingsChanged(await writeAppearance({ db, appearance })),
    search: ({ query, limit }) => search.search({ query, ...(limit === undefined ? {} : { limit }) }),
    listDatasets: async () => (await db.datasets.toArray()).map(datasetInfo),
    importBegin: ({ dataset }) => imports.begin({ dataset }),
    importChunk: ({ importId, sources, entities }) => imports.chunk({ importId, sources, entities }),
    importCommit: async ({ importId }) => datasetsChanged(await imports.commit({ importId })),
    importAbort: async ({ importId }) => {
      await imports.abort({ importId });
      return null;
    },
    setDatasetEnabled: async ({ id, enabled }) => datasetsChanged(await setDatasetEnabled({ db, id, enabled })),
    removeDataset: async ({ id }) => {
      await removeDataset({ db, id });
      return datasetsChanged(null);
    },
    exportDataset: ({ id, offset, limit }) => exportPage({ db, id, offset, limit }),
  };
}
