import type { RequestIn, RequestType } from '../../../src/messages/protocol';

/** One well-formed request of every declared type: a missing type does not compile. */
export type RequestSamples = { [T in RequestType]: RequestIn<T> };

/**
 * A valid request of every type, aimed at real data so that each write would
 * change the store if it were let through: `imported` is an imported dataset,
 * `importId` a running import, `host` the sender page's host.
 */
export function requestSamples(on: {
  dataset: string;
  entity: string;
  source: string;
  imported: string;
  importId: string;
  host: string;
}): RequestSamples {
  const ref = { dataset: on.dataset, id: on.entity };
  return {
    getEntities: { type: 'getEntities', refs: [ref] },
    getCards: { type: 'getCards', refs: [ref] },
    getSource: { type: 'getSource', dataset: on.dataset, id: on.source },
    scanTexts: { type: 'scanTexts', texts: ['Jack Ma met Daniel Zhang.'] },
    openSource: { type: 'openSource', dataset: on.dataset, source: on.source, start: 0, end: 4 },
    openSettings: { type: 'openSettings' },
    getSiteSettings: { type: 'getSiteSettings', host: on.host },
    getPageSettings: { type: 'getPageSettings' },
    setSiteSettings: { type: 'setSiteSettings', host: on.host, enabled: false },
    setGlobalEnabled: { type: 'setGlobalEnabled', enabled: false },
    listSites: { type: 'listSites' },
    getAppearance: { type: 'getAppearance' },
    setAppearance: { type: 'setAppearance', appearance: { theme: 'dark' } },
    search: { type: 'search', query: 'ma' },
    listDatasets: { type: 'listDatasets' },
    importBegin: { type: 'importBegin', dataset: { id: 'forged', name: 'Forged', version: '1' } },
    importChunk: {
      type: 'importChunk',
      importId: on.importId,
      entities: [{ id: 'forged-person', name: 'Forged Person', type: 'person', aliases: [{ text: 'Forged Person' }] }],
    },
    importCommit: { type: 'importCommit', importId: on.importId },
    importAbort: { type: 'importAbort', importId: on.importId },
    setDatasetEnabled: { type: 'setDatasetEnabled', id: on.imported, enabled: false },
    setDatasetPrivate: { type: 'setDatasetPrivate', id: on.imported, private: false },
    removeDataset: { type: 'removeDataset', id: on.imported },
    exportDataset: { type: 'exportDataset', id: on.imported, offset: 0, limit: 10 },
  };
}
