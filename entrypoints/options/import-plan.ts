import type { DatasetHeader } from './import-file';
import type { LineConverter, StreamFile } from './import-stream';

/**
 * How a chosen file is imported: whole (the Factlens format, and formats
 * that must be parsed whole, up to MAX_IMPORT_BYTES) or streamed line by
 * line through a converter, with no size limit.
 */
export type ImportPlan = { kind: 'whole' } | { kind: 'lines'; header: DatasetHeader; converter: LineConverter };

/** Enough of the file's start to tell its format. */
const HEAD_BYTES = 64 * 1024;

export interface PlanFile extends StreamFile {
  readonly lastModified: number;
  slice(start: number, end: number): { text(): Promise<string> };
}

/**
 * A streamed file carries no dataset header, so it is named after the file:
 * importing the same file again offers to replace what it imported before.
 * The version is the file's date.
 */
export function headerFromFile(file: Pick<PlanFile, 'name' | 'lastModified'>): DatasetHeader {
  const base = file.name.replace(/\.[^.]*$/, '') || file.name;
  const id =
    base
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 200) || 'imported';
  return { id, name: base.slice(0, 200), version: new Date(file.lastModified).toISOString().slice(0, 10) };
}

export type LineFormat = (head: string) => LineConverter | undefined;

/** Picks the plan from the file's first bytes; `lineFormats` are tried in order (src/import/ detects them). */
export async function planImport(file: PlanFile, lineFormats: readonly LineFormat[]): Promise<ImportPlan> {
  let head: string;
  try {
    head = await file.slice(0, HEAD_BYTES).text();
  } catch {
    return { kind: 'whole' };
  }
  for (const format of lineFormats) {
    const converter = format(head);
    if (converter) return { kind: 'lines', header: headerFromFile(file), converter };
  }
  return { kind: 'whole' };
}
