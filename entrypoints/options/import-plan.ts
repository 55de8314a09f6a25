import type { DatasetHeader } from './import-file';
import type { StreamConverter } from './import-stream';

/**
 * How a chosen file is imported, from its first bytes: the Factlens format
 * as it is; a line-based format streamed through its converter, with no size
 * limit; any other format converted whole, within MAX_IMPORT_BYTES.
 */
export type ImportPlan =
  | { kind: 'factlens' }
  | { kind: 'stream'; header: DatasetHeader; converter: StreamConverter }
  | { kind: 'whole'; header: DatasetHeader; format: string };

/** Detection and converters (src/import/), passed in so the plan is tested without them. */
export interface Formats {
  /** Enough of a file's start to tell its format. */
  headChars: number;
  detect(head: string): string | null;
  /** A converter for a detected foreign format, and whether it streams. */
  create(format: string): StreamConverter & { readonly streamed: boolean };
}

export interface PlanFile {
  readonly name: string;
  readonly lastModified: number;
  slice(start: number, end: number): { text(): Promise<string> };
}

/**
 * A converted file carries no dataset header, so it is named after the file:
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

/** `from` overrides detection. A file whose format is not recognised goes the Factlens way, whose errors say what is wrong. */
export async function planImport(file: PlanFile, formats: Formats, from?: string): Promise<ImportPlan> {
  let format: string | null | undefined = from;
  if (format === undefined) {
    try {
      // Bytes, not characters, but a slice of headChars bytes holds at most headChars characters.
      format = formats.detect(await file.slice(0, formats.headChars).text());
    } catch {
      format = null;
    }
  }
  if (format === null || format === 'factlens') return { kind: 'factlens' };
  const converter = formats.create(format);
  const header = headerFromFile(file);
  return converter.streamed ? { kind: 'stream', header, converter } : { kind: 'whole', header, format };
}
