/** Where a source opens: the extension's viewer page, at an optional excerpt. */
export interface ViewerTarget {
  dataset: string;
  source: string;
  start?: number | undefined;
  end?: number | undefined;
}

export function viewerPath(target: ViewerTarget): string {
  const params = new URLSearchParams({ dataset: target.dataset, source: target.source });
  if (target.start !== undefined && target.end !== undefined) {
    params.set('start', String(target.start));
    params.set('end', String(target.end));
  }
  return `/viewer.html?${params}`;
}

export function parseViewerSearch(search: string): ViewerTarget | null {
  const params = new URLSearchParams(search);
  const dataset = params.get('dataset');
  const source = params.get('source');
  if (!dataset || !source) return null;
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  const valid = params.has('start') && Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start;
  return valid ? { dataset, source, start, end } : { dataset, source };
}
