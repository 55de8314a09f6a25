import { DATASET_FORMAT, type Dataset, type Entity } from '../../src/dataset/schema';
import { IMPORT_CHUNK } from '../../src/limits';
import type { RequestFn } from './import-file';

/**
 * Exporting a dataset: page through `exportDataset` and assemble the public
 * format, which imports again as it is.
 */
export async function collectDataset(id: string, request: RequestFn): Promise<Dataset> {
  const first = await request({ type: 'exportDataset', id, offset: 0, limit: IMPORT_CHUNK });
  if (!first.dataset) throw new Error(`the first page of "${id}" has no dataset header`);
  const { sources, ...header } = first.dataset;
  const entities: Entity[] = [...first.entities];
  const total = first.total;
  while (entities.length < total) {
    const page = await request({ type: 'exportDataset', id, offset: entities.length, limit: IMPORT_CHUNK });
    // A page with nothing in it would otherwise loop for ever.
    if (page.entities.length === 0) throw new Error(`the export of "${id}" stopped at ${entities.length} of ${total} entities`);
    entities.push(...page.entities);
  }
  // Only the format's own fields: anything else the store keeps would make the file invalid.
  const { id: datasetId, name, version, description } = header;
  return {
    format: DATASET_FORMAT,
    id: datasetId,
    name,
    version,
    ...(description === undefined ? {} : { description }),
    sources,
    entities: entities.slice(0, total),
  };
}

/** `<id>-<version>.json`, with characters that file systems refuse replaced. */
export function exportFileName(dataset: Pick<Dataset, 'id' | 'version'>): string {
  // Control characters are among those file systems refuse.
  // eslint-disable-next-line no-control-regex
  return `${dataset.id}-${dataset.version}.json`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-');
}

export interface DownloadDeps {
  document: Document;
  createObjectURL: (blob: Blob) => string;
  revokeObjectURL: (url: string) => void;
  /** Runs the revocation later: Firefox cancels a download whose URL is revoked at once. */
  later: (fn: () => void) => void;
}

const defaultDeps = (): DownloadDeps => ({
  document,
  createObjectURL: (blob) => URL.createObjectURL(blob),
  revokeObjectURL: (url) => URL.revokeObjectURL(url),
  later: (fn) => setTimeout(fn, 10_000),
});

/** Saves text as a file through a temporary `<a download>`. */
export function downloadText(fileName: string, text: string, type: string, deps: DownloadDeps = defaultDeps()): void {
  const url = deps.createObjectURL(new Blob([text], { type }));
  const link = deps.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  deps.document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    deps.later(() => deps.revokeObjectURL(url));
  }
}

/** Exports a dataset and saves it as `<id>-<version>.json`; returns the file name. */
export async function exportDataset(id: string, request: RequestFn, deps?: DownloadDeps): Promise<string> {
  const dataset = await collectDataset(id, request);
  const fileName = exportFileName(dataset);
  downloadText(fileName, `${JSON.stringify(dataset, null, 2)}\n`, 'application/json', deps);
  return fileName;
}
