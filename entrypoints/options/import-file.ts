import type { Problem } from '../../src/dataset/problem';
import type { Dataset, Entity, Source } from '../../src/dataset/schema';
import { validateDataset } from '../../src/dataset/validate';
import { BUNDLED_ID, IMPORT_CHUNK, MAX_CHUNK_CHARS, MAX_IMPORT_BYTES, MB, PROBLEMS_SHOWN } from '../../src/limits';
import { type DatasetInfo, type RequestIn, type RequestType, type ResponseMap } from '../../src/messages/protocol';
import { plural, t } from '../../utils/i18n';
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

const fail = (message: string, extra: Omit<ImportFailure, 'message'> = {}): { ok: false; failure: ImportFailure } => ({
  ok: false,
  failure: { message, ...extra },
});

/** "101", "100.4": megabytes with at most one decimal. */
function formatMegabytes(bytes: number): string {
  return String(Number((bytes / MB).toFixed(1)));
}

/** A file's text: refused when over MAX_IMPORT_BYTES (before reading it) or not UTF-8. */
export async function readTextFile(file: FileLike): Promise<{ ok: true; text: string } | { ok: false; failure: ImportFailure }> {
  const tooLarge = (size: number) => fail(t('importTooLarge', formatMegabytes(size), MAX_IMPORT_BYTES / MB));
  // Checked before reading, so a huge file is never loaded into memory.
  if (file.size > MAX_IMPORT_BYTES) return tooLarge(file.size);

  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (error) {
    return fail(t('importUnreadable', errorMessage(error)));
  }
  if (bytes.byteLength > MAX_IMPORT_BYTES) return tooLarge(bytes.byteLength);

  try {
    // fatal: a byte sequence that is not UTF-8 throws rather than becoming U+FFFD. A BOM is skipped.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return fail(t('importNotUtf8'));
  }
}

/** Everything short of writing: size, UTF-8, JSON, the format and its rules, and the bundled id. */
export async function readDatasetFile(file: FileLike): Promise<ReadResult> {
  const read = await readTextFile(file);
  if (!read.ok) return read;
  const { text } = read;

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(t('importNotJson', errorMessage(error)));
  }

  const result = validateDataset(json);
  if (!result.ok) {
    return fail(t('importInvalid'), {
      problems: result.problems.slice(0, PROBLEMS_SHOWN),
      moreProblems: Math.max(0, result.problems.length - PROBLEMS_SHOWN),
    });
  }
  if (result.dataset.id === BUNDLED_ID) return fail(bundledIdMessage(result.dataset.id));
  return { ok: true, dataset: result.dataset, warnings: result.warnings };
}

function bundledIdMessage(id: string): string {
  return t('importBundledId', id);
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
  /** Cancels the import: nothing more is sent, and what was sent is abandoned. */
  signal?: AbortSignal;
}

export type ImportOutcome =
  /** `warnings`: what the check found and let through (src/dataset/alias-warnings.ts); importFile sets it. */
  | { status: 'imported'; info: DatasetInfo; warnings?: Problem[] }
  | { status: 'cancelled' }
  | { status: 'refused'; failure: ImportFailure }
  | { status: 'failed'; failure: ImportFailure };

/** What importBegin takes: the dataset's header. */
export type DatasetHeader = Pick<Dataset, 'id' | 'name' | 'version' | 'description'>;

export type Begun = { ok: true; importId: string } | { ok: false; outcome: Exclude<ImportOutcome, { status: 'imported' }> };

/**
 * Starts an import of `header`: refuses the bundled id, asks before replacing
 * a dataset with the same id (`incoming` describes the new data for the
 * question), then sends importBegin. Nothing is visible until importCommit.
 */
export async function beginImport(header: DatasetHeader, incoming: string, deps: Pick<ImportDeps, 'request' | 'confirm'>): Promise<Begun> {
  const { request, confirm } = deps;
  let existing: DatasetInfo | undefined;
  try {
    existing = (await request({ type: 'listDatasets' })).find((d) => d.id === header.id);
  } catch (error) {
    return { ok: false, outcome: { status: 'failed', failure: { message: importFailedMessage(error) } } };
  }
  if (existing?.bundled) return { ok: false, outcome: { status: 'refused', failure: { message: bundledIdMessage(header.id) } } };
  if (existing && !confirm(replaceQuestion(existing, header, incoming))) return { ok: false, outcome: { status: 'cancelled' } };
  try {
    const { id, name, version, description } = header;
    const { importId } = await request({
      type: 'importBegin',
      dataset: description === undefined ? { id, name, version } : { id, name, version, description },
    });
    return { ok: true, importId };
  } catch (error) {
    return { ok: false, outcome: { status: 'failed', failure: { message: importFailedMessage(error) } } };
  }
}

/** After a failure or a cancel: importAbort, best effort, so the store keeps exactly what it had. */
export async function abandonImport(importId: string, request: RequestFn): Promise<void> {
  await request({ type: 'importAbort', importId }).catch(() => {});
}

/**
 * Sends a validated dataset: importBegin, the sources then the entities in
 * chunks, then importCommit. On any failure or cancel after importBegin it
 * sends importAbort (best effort), so the store keeps what it had.
 */
export async function importDataset(dataset: Dataset, deps: ImportDeps): Promise<ImportOutcome> {
  const { request, onProgress, signal } = deps;
  const total = dataset.entities.length;
  const begun = await beginImport(dataset, t('importIncoming', dataset.name, dataset.version, plural(total, 'importEntitiesOne', 'importEntitiesOther')), deps);
  if (!begun.ok) return begun.outcome;
  const { importId } = begun;
  try {
    onProgress?.({ done: 0, total });
    for (const sources of chunk<Source>(dataset.sources)) {
      signal?.throwIfAborted();
      await request({ type: 'importChunk', importId, sources, entities: [] });
    }
    let done = 0;
    for (const entities of chunk<Entity>(dataset.entities)) {
      signal?.throwIfAborted();
      await request({ type: 'importChunk', importId, sources: [], entities });
      done += entities.length;
      onProgress?.({ done, total });
    }
    signal?.throwIfAborted();
    const info = await request({ type: 'importCommit', importId });
    return { status: 'imported', info };
  } catch (error) {
    await abandonImport(importId, request);
    if (signal?.aborted) return { status: 'cancelled' };
    return { status: 'failed', failure: { message: importFailedMessage(error) } };
  }
}

function replaceQuestion(existing: DatasetInfo, header: DatasetHeader, incoming: string): string {
  return (
    t(
      'importReplaceQuestion',
      t('importIncoming', existing.name, existing.version, plural(existing.entityCount, 'importEntitiesOne', 'importEntitiesOther')),
      incoming,
      t(existing.enabled ? 'importSwitchEnabled' : 'importSwitchDisabled'),
      t(existing.private ? 'importSwitchPrivate' : 'importSwitchPublic'),
    )
  );
}

export function importFailedMessage(error: unknown): string {
  return t('importFailed', errorMessage(error).replace(/\.$/, ''));
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
  const imported = t('importDone', info.name, plural(info.entityCount, 'importEntitiesOne', 'importEntitiesOther'));
  return {
    message: warnings.length === 0 ? imported : t('importDoneWarnings', imported, plural(warnings.length, 'importWarningsOne', 'importWarningsOther')),
    warnings: warnings.slice(0, PROBLEMS_SHOWN),
    moreWarnings: Math.max(0, warnings.length - PROBLEMS_SHOWN),
  };
}
