import { jsonPath } from '../../src/dataset/problem';
import { entitySchema, sourceSchema, type Entity, type Source } from '../../src/dataset/schema';
import { IMPORT_CHUNK, MAX_CHUNK_CHARS } from '../../src/limits';
import type { DatasetInfo } from '../../src/messages/protocol';
import { abandonImport, beginImport, countOf, importFailedMessage, type DatasetHeader, type ImportDeps, type ImportFailure } from './import-file';
import { createReport, type ImportReport, type ReportProblem } from './import-report';
import { NotUtf8Error, readLines } from './line-reader';

/**
 * Importing a line-based file (FollowTheMoney NDJSON, a Wikidata dump, CSV)
 * as a stream: each line is converted, each entity validated, and entities
 * go to the background in chunks as they come, each chunk awaited before
 * more is read, so memory stays flat whatever the file's size. Nothing is
 * visible until importCommit at the end; a cancel or a failure sends
 * importAbort and the store keeps exactly what it had. An entity that fails
 * is skipped and listed in the report with its line.
 */

/** What a converter gives back for a line, or at the end; each item with the line it came from. */
interface Converted {
  entities: { entity: unknown; line: number }[];
  sources: { source: unknown; line: number }[];
  problems: ReportProblem[];
}

/** The thin interface a line-based format's converter (src/import/) is driven through. */
export interface LineConverter {
  line(text: string, number: number): Converted;
  /** Whatever the converter held back until the end of the file. */
  end(): Converted;
}

/** Only what the stream needs of a File, so tests can pass a stand-in. */
export interface StreamFile {
  readonly name: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface StreamProgress {
  imported: number;
  skipped: number;
  bytes: number;
  totalBytes: number;
}

export type StreamOutcome =
  | { status: 'imported'; info: DatasetInfo; report: ImportReport }
  | { status: 'cancelled' }
  | { status: 'refused'; failure: ImportFailure; report?: ImportReport }
  | { status: 'failed'; failure: ImportFailure };

export interface StreamDeps extends Omit<ImportDeps, 'onProgress'> {
  onProgress?: (progress: StreamProgress) => void;
}

/** The path of a zod issue inside an entity, for the report: `roles[0].start`. */
function issuesOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${jsonPath(issue.path).replace(/^\$\.?/, '')}: ${issue.message}`).join('; ');
}

function labelOf(entity: unknown): string {
  const e = entity as { id?: unknown; name?: unknown } | null;
  if (typeof e?.name === 'string') return `"${e.name}"`;
  if (typeof e?.id === 'string') return `"${e.id}"`;
  return 'an entity';
}

export async function importLines({
  file,
  header,
  converter,
  deps,
}: {
  file: StreamFile;
  header: DatasetHeader;
  converter: LineConverter;
  deps: StreamDeps;
}): Promise<StreamOutcome> {
  const { request, signal, onProgress } = deps;
  const begun = await beginImport(header, `"${header.name}" (version ${header.version}, from ${file.name})`, deps);
  if (!begun.ok) return begun.outcome;
  const { importId } = begun;

  const { report, problem } = createReport(file.name);
  // Ids sent so far: a repeated id would make the background refuse the whole import, so it is skipped here.
  const entityIds = new Set<string>();
  const sourceIds = new Set<string>();
  // What was skipped, so that an entity citing it is skipped too rather than failing the commit.
  const skippedSources = new Set<string>();
  let entities: Entity[] = [];
  let sources: Source[] = [];
  let chars = 0;
  let bytes = 0;
  const progress = () => onProgress?.({ imported: report.imported, skipped: report.skipped, bytes, totalBytes: file.size });

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

  async function take(converted: Converted) {
    for (const p of converted.problems) {
      problem(p);
      report.skipped++;
    }
    for (const { source, line } of converted.sources) {
      const parsed = sourceSchema.safeParse(source);
      if (!parsed.success) {
        const id = (source as { id?: unknown } | null)?.id;
        if (typeof id === 'string') skippedSources.add(id);
        problem({ line, message: `source skipped: ${issuesOf(parsed.error)}` });
        continue;
      }
      // Converters give a source with each line that cites it; it is sent once.
      if (sourceIds.has(parsed.data.id)) continue;
      sourceIds.add(parsed.data.id);
      sources.push(parsed.data);
      chars += JSON.stringify(parsed.data).length;
    }
    for (const { entity, line } of converted.entities) {
      const parsed = entitySchema.safeParse(entity);
      const skip = (message: string) => {
        problem({ line, message: `${labelOf(entity)} skipped: ${message}` });
        report.skipped++;
      };
      if (!parsed.success) {
        skip(issuesOf(parsed.error));
        continue;
      }
      const e = parsed.data;
      if (entityIds.has(e.id)) {
        skip(`the id "${e.id}" was used before`);
        continue;
      }
      const cited = [...e.roles.flatMap((r) => r.evidence.map((ev) => ev.source)), ...e.mentions.map((m) => m.source)];
      const missing = cited.find((id) => skippedSources.has(id));
      if (missing !== undefined) {
        skip(`it cites the skipped source "${missing}"`);
        continue;
      }
      entityIds.add(e.id);
      const size = JSON.stringify(e).length;
      if (entities.length >= IMPORT_CHUNK || chars + size > MAX_CHUNK_CHARS) await flush();
      entities.push(e);
      chars += size;
    }
    if (sources.length >= IMPORT_CHUNK) await flush();
  }

  try {
    progress();
    for await (const line of readLines(file.stream(), signal)) {
      bytes = line.bytesRead;
      await take(converter.line(line.text, line.number));
    }
    bytes = file.size;
    await take(converter.end());
    await flush();
    signal?.throwIfAborted();
    if (report.imported === 0) {
      await abandonImport(importId, request);
      return { status: 'refused', failure: { message: `No valid entity in ${file.name}; nothing was imported` }, report };
    }
    const info = await request({ type: 'importCommit', importId });
    return { status: 'imported', info, report };
  } catch (error) {
    await abandonImport(importId, request);
    if (signal?.aborted) return { status: 'cancelled' };
    if (error instanceof NotUtf8Error) return { status: 'refused', failure: { message: error.message }, report };
    return { status: 'failed', failure: { message: importFailedMessage(error) } };
  }
}

/** "Imported FtM: 3 entities, 2 skipped". */
export function streamSummary(info: DatasetInfo, report: ImportReport): string {
  const imported = `Imported ${info.name}: ${countOf(report.imported, 'entity', 'entities')}`;
  return report.skipped === 0 ? imported : `${imported}, ${countOf(report.skipped, 'problem', 'problems')} skipped`;
}
