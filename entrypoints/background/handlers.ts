import { OPEN_SOURCE_RATE } from '../../src/limits';
import type { Broadcast, RequestOf, RequestType, ResponseMap } from '../../src/messages/protocol';
import { createRateLimit } from '../../src/rate-limit';
import { viewerPath } from '../../src/viewer-link';
import { readAppearance, writeAppearance } from './appearance';
import { readCards } from './cards';
import type { Catalog } from './catalog';
import { datasetInfo, exportPage, removeDataset, setDatasetEnabled, setDatasetPrivate } from './datasets';
import type { FactlensDb } from './db';
import type { EntityReader } from './entity-blocks';
import { createFrameSites } from './frame-sites';
import type { createImports } from './imports';
import type { MatcherService } from './matcher-service';
import type { PeopleService } from './people-service';
import type { SearchService } from './search-service';
import type { SettingsArea } from './settings-area';
import { listSites, readSiteSettings, setGlobalEnabled, writeSiteSettings } from './site-settings';
import { readSources } from './sources';

/** The options page at its appearance section (the section's id is this anchor). */
const OPTIONS_APPEARANCE_PATH = '/options.html#appearance';

/** What the browser tells about the sender, for requests that act on its tab or depend on its frame. */
export interface RequestContext {
  tabId?: number | undefined;
  tabIndex?: number | undefined;
  /** 0 for a tab's top frame. */
  frameId?: number | undefined;
  /** The sending document's address. */
  url?: string | undefined;
}

/** Side effects outside the store, passed in so tests can observe them. */
export interface Effects {
  openTab(options: { path: string; openerTabId?: number | undefined; index?: number | undefined }): Promise<void>;
  /** Tells open tabs and pages that settings or datasets changed. */
  broadcast(message: Broadcast): void;
  /** Tells one frame of a tab. */
  tellFrame(tabId: number, frameId: number, message: Broadcast): void;
  /** The host of a tab's top frame, as the content script there reads it; rejects when it has none. */
  askTopFrame(tabId: number): Promise<unknown>;
}

export interface Services {
  db: FactlensDb;
  /** The reader's settings (sites, global switch, appearance): storage.sync, or local storage where sync is missing. */
  settings: SettingsArea;
  catalog: Catalog;
  entities: EntityReader;
  matcher: MatcherService;
  search: SearchService;
  people: PeopleService;
  imports: ReturnType<typeof createImports>;
  effects: Effects;
}

/** One handler per declared request (requests.ts): a missing or extra one does not compile. */
export type Handlers = { [T in RequestType]: (request: RequestOf<T>, context?: RequestContext) => Promise<ResponseMap[T]> };

/** One handler per request type; the router has validated and authorised the request already. */
export function createHandlers({ db, settings, catalog, entities, matcher, search, people, imports, effects }: Services): Handlers {
  const datasetsChanged = <T>(value: T): T => {
    catalog.invalidate();
    // Built before the tabs that the broadcast reaches ask for it.
    void matcher.warm().catch(() => {}).finally(() => effects.broadcast({ type: 'datasetsChanged' }));
    return value;
  };
  const frameSites = createFrameSites({
    askTopFrame: (tabId) => effects.askTopFrame(tabId),
    wake: (tabId, frameId) => effects.tellFrame(tabId, frameId, { type: 'settingsChanged' }),
  });
  const settingsChanged = <T>(value: T): T => {
    effects.broadcast({ type: 'settingsChanged' });
    return value;
  };
  // Per tab; the popup, which has none, counts as one. Kept in memory: a
  // worker that stopped has been idle for longer than the window anyway.
  const sourcesOpened = createRateLimit<number | undefined>(OPEN_SOURCE_RATE);

  return {
    getEntities: ({ refs }) => entities.read(refs),
    getCards: ({ refs }) => readCards({ db, entities, people, refs }),
    getSource: async ({ dataset, id }) => (await readSources({ db, refs: [{ dataset, id }] }))[0] ?? null,
    scanTexts: async ({ texts }) => {
      const [matches, privateDatasets] = await Promise.all([matcher.scanTexts(texts), catalog.privateDatasets()]);
      return { matches, privateDatasets };
    },
    openSource: async ({ dataset, source, start, end }, { tabId, tabIndex } = {}) => {
      if (!sourcesOpened.take(tabId)) throw new Error('too many sources opened from this tab; try again in a few seconds');
      await effects.openTab({
        path: viewerPath({ dataset, source, start, end }),
        openerTabId: tabId,
        index: tabIndex === undefined ? undefined : tabIndex + 1,
      });
      return null;
    },
    // Counted with the sources: both open a tab from a page, and only the reader's own click asks.
    openSettings: async (_request, { tabId, tabIndex } = {}) => {
      if (!sourcesOpened.take(tabId)) throw new Error('too many tabs opened from this tab; try again in a few seconds');
      await effects.openTab({ path: OPTIONS_APPEARANCE_PATH, openerTabId: tabId, index: tabIndex === undefined ? undefined : tabIndex + 1 });
      return null;
    },
    getSiteSettings: ({ host }) => readSiteSettings({ settings, host }),
    getPageSettings: async (_request, context = {}) => {
      const site = await frameSites.siteOf(context);
      return { enabled: site !== null && (await readSiteSettings({ settings, host: site })).enabled };
    },
    setSiteSettings: async ({ host, enabled }) => settingsChanged(await writeSiteSettings({ settings, host, enabled })),
    setGlobalEnabled: async ({ enabled }) => settingsChanged(await setGlobalEnabled({ settings, enabled })),
    listSites: () => listSites({ settings }),
    getAppearance: () => readAppearance({ settings }),
    setAppearance: async ({ appearance }) => settingsChanged(await writeAppearance({ settings, appearance })),
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
    // Open tabs start again on the broadcast and paint the dataset's names the new way.
    setDatasetPrivate: async ({ id, private: hidden }) => datasetsChanged(await setDatasetPrivate({ db, id, private: hidden })),
    removeDataset: async ({ id }) => {
      await removeDataset({ db, id });
      return datasetsChanged(null);
    },
    exportDataset: ({ id, offset, limit }) => exportPage({ db, id, offset, limit }),
  };
}
