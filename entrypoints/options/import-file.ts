import type { Problem } from '../../src/dataset/problem';
import type { Dataset, Entity, Source } from '../../src/dataset/schema';
import { validateDataset } from '../../src/dataset/validate';
import { BUNDLED_ID, IMPORT_CHUNK, MAX_CHUNK_CHARS, MAX_IMPORT_BYTES, MB, PROBLEMS_SHOWN } from '../../src/limits';
import { type DatasetInfo, type RequestIn, type RequestType, type ResponseMap } from '../../src/messages/protocol';
import { errorMessage } from '../../utils/request-error';

/**
 * Importing a dataset file: read, decode, parse and validate it completely,
 * then send it to the background in chunks inside one import transaction.
 * No DOM and no extension API: the caller passes `request` and `confirm`.
 */


export type RequestFn = <T extends RequestType>(message: RequestIn<T>) => Promise<ResponseMap[T]>;

/** Only what the import needs of a File, so tests can pass a stand-in. */
export interface FileLike {
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ImportFailure {
  message: string;
  /** For a file that is not a valid dataset: the first problems, with JSON paths. */
  problems?: Problem[];
  /** How many more problems there are than `problems` lists. */
  moreProblems?: number;
}

export type ReadResult = { ok: true; dataset: Dataset; warnings: Problem[] } | { ok: false; failure: ImportFailure };

const fail = (message: string, extra: Omit<ImportFailure, 'message'> = {}): ReadResult => ({
  ok: false,
  failure: { message, ...extra },
});

/** "101", "100.4": megabytes with at most one decimal. */
function formatMegabytes(bytes: number): string {
  return String(Number((bytes / MB).toFixed(1)));
}

/** Everything short of writing: size, UTF-8, JSON, the format and its rules, and the bundled id. */
export async function readDatasetFile(file: FileLike): Promise<ReadResult> {
  const tooLarge = (size: number) => fail(`File too large (${formatMegabytes(size)} MB); the limit is ${MAX_IMPORT_BYTES / MB} MB`);
  // Checked before reading, so a huge file is never loaded into memory.
  if (file.size > MAX_IMPORT_BYTES) return tooLarge(file.size);

  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (error) {
    return fail(`Could not read the file: ${errorMessage(error)}`);
  }
  if (bytes.byteLength > MAX_IMPORT_BYTES) return tooLarge(bytes.byteLength);

  let text: string;
  try {
    // fatal: a byte sequence that is not UTF-8 throws rather than becoming U+FFFD. A BOM is skipped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('The file is not UTF-8 text');
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`Not valid JSON: ${errorMessage(error)}`);
  }

  const result = validateDataset(json);
  if (!result.ok) {
    return fail('This file is not a valid Factlens dataset', {
      problems: result.problems.slice(0, PROBLEMS_SHOWN),
      moreProblems: Math.max(0, result.problems.length - PROBLEMS_SHOWN),
    });
  }
  if (result.dataset.id === BUNDLED_ID) return fail(bundledIdMessage(result.dataset.id));
  return { ok: true, dataset: result.dataset, warnings: result.warnings };
}

function bundledIdMessage(id: string): string {
  return `This id belongs to the bundled dataset ("${id}"); give the dataset another id`;
}

/** Splits items into chunks of at most `max` items and (unless one item alone exceeds it) `maxChars` of JSON. */
export function chunk<T>(items: readonly T[], max = IMPORT_CHUNK, maxChars = MAX_CHUNK_CHARS): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    const size = JSON.stringify(item).length;
    if (current.length > 0 && (current.length >= max || chars + size > maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface ImportProgress {
  /** Entities written so far. */
  done: number;
  /** Entities in the file. */
  total: number;
}

export interface ImportDeps {
  request: RequestFn;
  /** Asks the user; false cancels. */
  confirm: (question: string) => boolean;
  onProgress?: (progress: ImportProgress) => void;
}

export type ImportOutcome =
  /** `warnings`: what the check found and let through (src/dataset/alias-warnings.ts); importFile sets it. */
  | { status: 'imported'; info: DatasetInfo; warnings?: Problem[] }
  | { status: 'cancelled' }
  | { status: 'refused'; failure: ImportFailure }
  | { status: 'failed'; failure: ImportFailure };

/**
 * Sends a validated dataset: importBegin, the sources then the entities in
 * chunks, then importCommit. On any failure after importBegin it sends
 * importAbort (best effort), so the store keeps what it had.
 */
async function importDataset(dataset: Dataset, deps: ImportDeps): Promise<ImportOutcome> {
  const { request, confirm, onProgress } = deps;
  const total = dataset.entities.length;

  let existing: DatasetInfo | undefined;
  try {
    existing = (await request({ type: 'listDatasets' })).find((d) => d.id === dataset.id);
  } catch (error) {
    return { status: 'failed', failure: { message: importFailedMessage(error) } };
  }
  if (existing?.bundled) return { status: 'refused', failure: { message: bundledIdMessage(dataset.id) } };
  if (existing && !confirm(replaceQuestion(existing, dataset))) return { status: 'cancelled' };

  let importId: string | undefined;
  try {
    const { id, name, version, description } = dataset;
    ({ importId } = await request({
      type: 'importBegin',
      dataset: description === undefined ? { id, name, version } : { id, name, version, description },
    }));
    const begun = importId;
    onProgress?.({ done: 0, total });

    for (const sources of chunk<Source>(dataset.sources)) {
      await request({ type: 'importChunk', importId: begun, sources, entities: [] });
    }
    let done = 0;
    for (const entities of chunk<Entity>(dataset.entities)) {
      await request({ type: 'importChunk', importId: begun, sources: [], entities });
      done += entities.length;
      onProgress?.({ done, total });
    }
    const info = await request({ type: 'importCommit', importId: begun });
    return { status: 'imported', info };
  } catch (error) {
    if (importId !== undefined) {
      await request({ type: 'importAbort', importId }).catch(() => {});
    }
    return { status: 'failed', failure: { message: importFailedMessage(error) } };
  }
}

function replaceQuestion(existing: DatasetInfo, dataset: Dataset): string {
  return (
    `Replace the dataset "${existing.name}" (version ${existing.version}, ${countOf(existing.entityCount, 'entity', 'entities')}) ` +
    `with "${dataset.name}" (version ${dataset.version}, ${countOf(dataset.entities.length, 'entity', 'entities')})?`
  );
}

function importFailedMessage(error: unknown): string {
  return `Import failed: ${errorMessage(error).replace(/\.$/, '')}. Nothing was changed.`;
}

const numberFormat = new Intl.NumberFormat('en');

function formatCount(n: number): string {
  return numberFormat.format(n);
}

function countOf(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The whole flow for one file: nothing is sent unless the file is a valid dataset. */
export async function importFile(file: FileLike, deps: ImportDeps & { onChecked?: (dataset: Dataset) => void }): Promise<ImportOutcome> {
  const read = await readDatasetFile(file);
  if (!read.ok) return { status: 'refused', failure: read.failure };
  deps.onChecked?.(read.dataset);
  const outcome = await importDataset(read.dataset, deps);
  return outcome.status === 'imported' ? { ...outcome, warnings: read.warnings } : outcome;
}

export interface ImportSummary {
  message: string;
  /** The first PROBLEMS_SHOWN warnings. */
  warnings: Problem[];
  moreWarnings: number;
}

/** "Imported Example: 2 entities", then " with 3 warnings:" when there are warnings to list. */
export function importSummary(info: DatasetInfo, warnings: readonly Problem[] = []): ImportSummary {
  const imported = `Imported ${info.name}: ${countOf(info.entityCount, 'entity', 'entities')}`;
  return {
    message: warnings.length === 0 ? imported : `${imported} with ${countOf(warnings.length, 'warning', 'warnings')}:`,
    warnings: warnings.slice(0, PROBLEMS_SHOWN),
    moreWarnings: Math.max(0, warnings.length - PROBLEMS_SHOWN),
  };
}
