import type { Entity, Source } from '../../src/dataset/schema';
import { ConvertError } from '../../src/import/types';
import { IMPORT_CHUNK, MAX_CHUNK_CHARS } from '../../src/limits';
import type { DatasetInfo } from '../../src/messages/protocol';
import { formatNumber, plural, problemText, t } from '../../utils/i18n';
import { abandonImport, beginImport, importFailedMessage, type DatasetHeader, type ImportDeps, type ImportFailure } from './import-file';
import { createReport, type ImportReport, type ReportProblem } from './import-report';
import { NotUtf8Error, readText } from './text-reader';

/**
 * Importing a line-based file (FollowTheMoney NDJSON, a Wikidata dump, CSV)
 * as a stream: the file is read a buffer at a time (again for each further
 * pass of the converter), converted, and the entities go to the background in chunks as
 * they come, each chunk awaited before more is read, so the page's memory
 * does not grow with the file. Nothing is visible until importCommit at the
 * end; a cancel or a failure sends importAbort and the store keeps exactly
 * what it had. What the converter skips is listed in the report with its line.
 */

interface ConvertBatch {
  sources: Source[];
  entities: Entity[];
  problems: ReportProblem[];
}

/** The converter protocol of src/import/ (its Converter): text pieces in, valid entities and problems out. */
export interface StreamConverter {
  /** Read after each pass: the first may decide there are more. */
  readonly passes: number;
  push(text: string): ConvertBatch;
  endPass(): ConvertBatch;
  /** Throws a ConvertError (src/import/types.ts) when nothing could be converted. */
  summary(): { skipped: number; unlabelled: readonly string[] };
}

/** Only what the stream needs of a File, so tests can pass a stand-in. */
export interface StreamFile {
  readonly name: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface StreamProgress {
  imported: number;
  /** Problems found so far: entities, rows or relations skipped. */
  problems: number;
  /** Bytes read in this pass. */
  bytes: number;
  totalBytes: number;
  pass: number;
  passes: number;
}

export type StreamOutcome =
  | { status: 'imported'; info: DatasetInfo; report: ImportReport; unlabelled: number }
  | { status: 'cancelled' }
  | { status: 'refused'; failure: ImportFailure; report?: ImportReport }
  | { status: 'failed'; failure: ImportFailure };

export interface StreamDeps extends Omit<ImportDeps, 'onProgress'> {
  onProgress?: (progress: StreamProgress) => void;
}

/** A file refused for what it holds, said in the reader's language. */
class Refusal extends Error {}

/** Why the file was refused, or null when the import failed for another reason. */
function refusal(error: unknown): string | null {
  if (error instanceof NotUtf8Error || error instanceof Refusal) return error.message;
  if (error instanceof ConvertError) return problemText(error.problem);
  return null;
}

export async function importStream({
  file,
  header,
  converter,
  deps,
}: {
  file: StreamFile;
  header: DatasetHeader;
  converter: StreamConverter;
  deps: StreamDeps;
}): Promise<StreamOutcome> {
  const { request, signal, onProgress } = deps;
  const begun = await beginImport(header, `"${header.name}" (version ${header.version}, from ${file.name})`, deps);
  if (!begun.ok) return begun.outcome;
  const { importId } = begun;

  const { report, problem } = createReport(file.name);
  let problems = 0;
  let entities: Entity[] = [];
  let sources: Source[] = [];
  let chars = 0;
  let bytes = 0;
  let pass = 0;
  const progress = () =>
    onProgress?.({ imported: report.imported, problems, bytes, totalBytes: file.size, pass: pass + 1, passes: converter.passes });

  async function flush() {
    if (entities.length === 0 && sources.length === 0) return;
    const sending = { entities, sources };
    entities = [];
    sources = [];
    chars = 0;
    signal?.throwIfAborted();
    await request({ type: 'importChunk', importId, ...sending });
    report.imported += sending.entities.length;
    progress();
  }

  /** Sources come before the entities that cite them, so they go first; a chunk closes at IMPORT_CHUNK items or MAX_CHUNK_CHARS. */
  async function take(batch: ConvertBatch) {
    for (const p of batch.problems) problem(p);
    problems += batch.problems.length;
    for (const item of [...batch.sources.map((s) => ['source', s] as const), ...batch.entities.map((e) => ['entity', e] as const)]) {
      const size = JSON.stringify(item[1]).length;
      if (entities.length >= IMPORT_CHUNK || sources.length >= IMPORT_CHUNK || chars + size > MAX_CHUNK_CHARS) await flush();
      if (item[0] === 'source') sources.push(item[1]);
      else entities.push(item[1]);
      chars += size;
    }
  }

  try {
    for (; pass < converter.passes; pass++) {
      bytes = 0;
      progress();
      for await (const piece of readText(file.stream(), signal)) {
        bytes = piece.bytesRead;
        await take(converter.push(piece.text));
      }
      bytes = file.size;
      await take(converter.endPass());
    }
    pass--;
    await flush();
    signal?.throwIfAborted();
    const summary = converter.summary();
    report.skipped = summary.skipped;
    if (report.imported === 0) throw new Refusal(t('importNoValidEntity', file.name));
    const info = await request({ type: 'importCommit', importId });
    return { status: 'imported', info, report, unlabelled: summary.unlabelled.length };
  } catch (error) {
    await abandonImport(importId, request);
    if (signal?.aborted) return { status: 'cancelled' };
    const refused = refusal(error);
    if (refused !== null) {
      report.skipped = problems;
      return { status: 'refused', failure: { message: t('importRefused', refused.replace(/\.$/, '')) }, report };
    }
    return { status: 'failed', failure: { message: importFailedMessage(error) } };
  }
}

/** "Imported People: 3 entities, 2 skipped (see the report)", and the items shown by their id. */
export function streamSummary(outcome: { info: DatasetInfo; report: ImportReport; unlabelled: number }): string {
  const { info, report, unlabelled } = outcome;
  let message = t('importDone', info.name, plural(report.imported, 'importEntitiesOne', 'importEntitiesOther'));
  if (report.skipped > 0) message += t('importSkipped', formatNumber(report.skipped));
  if (unlabelled > 0) message += plural(unlabelled, 'importUnlabelledOne', 'importUnlabelledOther');
  return message;
}
