import { act } from 'preact/test-utils';
// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectDataset } from '../../entrypoints/options/export-file';
import { headerFromFile } from '../../entrypoints/options/import-plan';
import { reportText } from '../../entrypoints/options/import-report';
import { importStream, type StreamConverter, type StreamFile, type StreamProgress } from '../../entrypoints/options/import-stream';
import { ImportDataset } from '../../entrypoints/options/ImportDataset';
import { readText } from '../../entrypoints/options/text-reader';
import { ftmEntities, ftmPersons } from '../../scripts/lib/synthetic-ftm';
import { problem } from '../../src/dataset/problem';
import { entitySchema } from '../../src/dataset/schema';
import { issueProblems } from '../../src/dataset/zod-problem';
import { ftmConverter } from '../../src/import/ftm';
import { IMPORT_CHUNK } from '../../src/limits';
import { problemText } from '../../utils/i18n';
import { request } from '../../utils/messaging';
import { buttonNamed, click, one, text, until, useKit } from './kit';

vi.mock('wxt/browser', () => import('./kit/browser'));

const kit = useKit();
afterEach(() => vi.restoreAllMocks());

/**
 * A stand-in for the converters of src/import/, driven through the same
 * protocol: each line is one entity as JSON, and a line that does not parse
 * or validate is a problem with its line number.
 */
function jsonLines(): StreamConverter {
  let rest = '';
  let line = 0;
  let skipped = 0;
  const convert = (text: string, batch: ReturnType<StreamConverter['push']>) => {
    line++;
    if (text === '') return;
    try {
      const parsed = entitySchema.safeParse(JSON.parse(text), { reportInput: true });
      if (parsed.success) batch.entities.push(parsed.data);
      else {
        skipped++;
        batch.problems.push({ line, ...issueProblems(parsed.error)[0]! });
      }
    } catch {
      skipped++;
      batch.problems.push({ line, ...problem('problemNotJson', 'a stand-in parse error') });
    }
  };
  const empty = () => ({ sources: [], entities: [], problems: [] });
  return {
    passes: 1,
    push(text) {
      const batch = empty();
      const lines = (rest + text).split('\n');
      rest = lines.pop()!;
      for (const l of lines) convert(l, batch);
      return batch;
    },
    endPass() {
      const batch = empty();
      if (rest !== '') convert(rest, batch);
      return batch;
    },
    summary: () => ({ skipped, unlabelled: [] }),
  };
}

const person = (i: number) => ({ id: `p-${i}`, name: `Streamed Person ${i}`, type: 'person', aliases: [{ text: `Streamed Person ${i}` }] });

/** A file whose stream hands out its bytes in small pieces, as a real file read does. */
function fileOf(content: string | Uint8Array, name = 'people.ndjson', piece = 7): StreamFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    name,
    size: bytes.byteLength,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.byteLength; at += piece) controller.enqueue(bytes.slice(at, at + piece));
          controller.close();
        },
      }),
  };
}

const header = { id: 'people', name: 'People', version: '2026-11-30' };
const deps = (extra: Partial<Parameters<typeof importStream>[0]['deps']> = {}) => ({ request, confirm: () => true, ...extra });
const stored = async () => (await kit.background.handlers.listDatasets({ type: 'listDatasets' })).map(({ updatedAt: _, ...d }) => d);

/** Everything the store holds for imported datasets: the records and each one's export. */
async function snapshot() {
  const datasets = await stored();
  const exports = await Promise.all(datasets.filter((d) => !d.bundled).map((d) => collectDataset(d.id, request)));
  const { db } = kit.background;
  return { datasets, exports, imports: await db.imports.count(), blocks: await db.entityBlocks.count(), sources: await db.sourceRows.count() };
}

describe('readText', () => {
  const read = async (file: StreamFile) => {
    let text = '';
    for await (const piece of readText(file.stream())) text += piece.text;
    return text;
  };

  it('keeps characters split across reads and skips a BOM', async () => {
    expect(await read(fileOf('\ufeffa\r\n馬雲 😀\n\nlast', 'x', 1))).toBe('a\r\n馬雲 😀\n\nlast');
  });

  it('refuses bytes that are not UTF-8, naming the line', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('ok\nok\n'), 0xff, 0x41, 0x0a]);
    await expect(read(fileOf(bytes))).rejects.toThrow('The file is not UTF-8 text (line 3)');
    await expect(read(fileOf(bytes, 'x', 1))).rejects.toThrow('The file is not UTF-8 text (line 3)');
  });
});

// Tests here write a few thousand entities to fake-indexeddb, which takes seconds.
describe('importLines', { timeout: 30_000 }, () => {
  beforeEach(() => vi.stubGlobal('confirm', vi.fn(() => true)));

  it('imports valid entities in chunks, skips the rest and lists them by line in the report', async () => {
    const count = IMPORT_CHUNK + 10;
    const rows = Array.from({ length: count }, (_, i) => JSON.stringify(person(i)));
    rows.splice(3, 0, 'bad', JSON.stringify({ id: 'no-name', type: 'person', aliases: [{ text: 'x' }] }));
    const progress: StreamProgress[] = [];
    const file = fileOf(rows.join('\n'));
    const outcome = await importStream({ file, header, converter: jsonLines(), deps: deps({ onProgress: (p) => progress.push(p) }) });

    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    expect(outcome.report).toMatchObject({ imported: count, skipped: 2 });
    expect(outcome.report.problems.map((p) => [p.line, p.path, problemText(p)])).toEqual([
      [4, undefined, 'not valid JSON: a stand-in parse error'],
      [5, '$.name', 'is missing'],
    ]);
    expect(reportText(outcome.report)).toContain('Skipped: 2\n\nline 4: not valid JSON: a stand-in parse error\nline 5 $.name: is missing\n');
    expect(outcome.info).toMatchObject({ id: 'people', entityCount: count, private: true, enabled: true });
    const sent = kit.background.received.filter((m) => m.type === 'importChunk');
    expect(sent.map((m) => (m as unknown as { entities: unknown[] }).entities.length)).toEqual([IMPORT_CHUNK, 10]);
    // Progress counts entities and bytes, and ends at the whole file.
    expect(progress.at(-1)).toEqual({ imported: count, problems: 2, bytes: file.size, totalBytes: file.size, pass: 1, passes: 1 });
    expect(progress.map((p) => p.bytes)).toEqual([...progress.map((p) => p.bytes)].sort((a, b) => a - b));
    expect((await collectDataset('people', request)).entities.map((e) => e.id)).toEqual(Array.from({ length: count }, (_, i) => `p-${i}`));
  });

  it('reads a file with more relations than it holds at once again for each group of holders, and imports every role', async () => {
    const file = fileOf([...ftmEntities(300)].map((e) => JSON.stringify(e)).join('\n'), 'peps.ndjson', 4096);
    const progress: StreamProgress[] = [];
    const outcome = await importStream({ file, header, converter: ftmConverter({ maxPendingRelations: 4 }), deps: deps({ onProgress: (p) => progress.push(p) }) });

    expect(outcome.status).toBe('imported');
    const { passes } = progress.at(-1)!;
    expect(passes).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatchObject({ pass: passes, imported: ftmPersons(300) });
    // Every pass reads the file from its start.
    expect(new Set(progress.map((p) => p.pass))).toEqual(new Set(Array.from({ length: passes }, (_, i) => i + 1)));
    const { entities } = await collectDataset('people', request);
    expect(entities).toHaveLength(ftmPersons(300));
    expect(entities.filter((e) => e.roles.length === 0)).toEqual([]);
  });

  it('refuses a file with no valid entity and stores nothing', async () => {
    const before = await snapshot();
    const outcome = await importStream({ file: fileOf('bad\nbad\n'), header, converter: jsonLines(), deps: deps() });
    expect(outcome).toMatchObject({ status: 'refused', failure: { message: 'No valid entity in people.ndjson; nothing was imported' } });
    expect(outcome.status === 'refused' && outcome.report?.problems.map((p) => p.line)).toEqual([1, 2]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file that is not UTF-8 mid-way and leaves the store as it was', async () => {
    const before = await snapshot();
    const rows = new TextEncoder().encode(`${Array.from({ length: IMPORT_CHUNK + 5 }, (_, i) => JSON.stringify(person(i))).join('\n')  }\n`);
    const outcome = await importStream({ file: fileOf(new Uint8Array([...rows, 0xc3, 0x28])), header, converter: jsonLines(), deps: deps() });
    expect(outcome).toMatchObject({ status: 'refused', failure: { message: `The file is not UTF-8 text (line ${IMPORT_CHUNK + 6}); nothing was imported` } });
    expect(await snapshot()).toEqual(before);
  });

  describe('replacing a dataset with the same id', () => {
    async function previous() {
      const first = await importStream({ file: fileOf([1, 2].map((i) => JSON.stringify(person(i))).join('\n')), header, converter: jsonLines(), deps: deps() });
      expect(first.status).toBe('imported');
      // The reader's switches, which a replacement keeps.
      await kit.background.handlers.setDatasetEnabled({ type: 'setDatasetEnabled', id: 'people', enabled: false });
      await kit.background.handlers.setDatasetPrivate({ type: 'setDatasetPrivate', id: 'people', private: false });
      return snapshot();
    }
    const bigger = () => fileOf(Array.from({ length: IMPORT_CHUNK + 1 }, (_, i) => JSON.stringify(person(i + 100))).join('\n'));

    it('asks first, and replaces atomically keeping enabled and private', async () => {
      await previous();
      const confirm = vi.fn(() => true);
      const outcome = await importStream({ file: bigger(), header: { ...header, version: 'v2' }, converter: jsonLines(), deps: deps({ confirm }) });
      expect(confirm).toHaveBeenCalledWith(
        'Replace the dataset "People" (version 2026-11-30, 2 entities) with "People" (version v2, from people.ndjson)? It keeps its switches (disabled, public).',
      );
      expect(outcome).toMatchObject({ status: 'imported', info: { entityCount: IMPORT_CHUNK + 1, enabled: false, private: false, version: 'v2' } });
    });

    it('leaves the previous data exactly as it was when the reader declines', async () => {
      const before = await previous();
      const outcome = await importStream({ file: bigger(), header, converter: jsonLines(), deps: deps({ confirm: () => false }) });
      expect(outcome.status).toBe('cancelled');
      expect(await snapshot()).toEqual(before);
      expect(kit.background.received.filter((m) => m.type === 'importBegin')).toHaveLength(1);
    });

    it('leaves the previous data exactly as it was when cancelled mid-way', async () => {
      const before = await previous();
      const controller = new AbortController();
      const chunks = kit.background.hold('importChunk');
      const running = importStream({ file: bigger(), header, converter: jsonLines(), deps: deps({ signal: controller.signal }) });
      await vi.waitFor(() => expect(chunks).toHaveLength(1));
      controller.abort();
      chunks[0]!.release();
      expect(await running).toEqual({ status: 'cancelled' });
      await kit.settle();
      expect(kit.background.received.filter((m) => m.type === 'importAbort')).toHaveLength(1);
      expect(await snapshot()).toEqual(before);
    });

    it('leaves the previous data exactly as it was when a chunk fails', async () => {
      const before = await previous();
      let n = 0;
      kit.background.override('importChunk', (_message, real) => {
        if (++n === 2) throw new Error('QuotaExceededError: the disk is full');
        return real();
      });
      const outcome = await importStream({ file: bigger(), header, converter: jsonLines(), deps: deps() });
      expect(outcome).toEqual({ status: 'failed', failure: { message: 'Import failed: QuotaExceededError: the disk is full. Nothing was changed.' } });
      await kit.settle();
      expect(await snapshot()).toEqual(before);
    });
  });
});

describe('headerFromFile', () => {
  it('names a streamed dataset after its file, dated by the file', () => {
    expect(headerFromFile({ name: 'PEPs Brazil (2024).ndjson', lastModified: Date.UTC(2026, 10, 30) })).toEqual({
      id: 'peps-brazil-2024',
      name: 'PEPs Brazil (2024)',
      version: '2026-11-30',
    });
    expect(headerFromFile({ name: '…', lastModified: 0 }).id).toBe('imported');
  });
});


describe('the Cancel button', () => {
  it('stops an import mid-way; the store keeps what it had', { timeout: 30_000 }, async () => {
    const before = await snapshot();
    const chunks = kit.background.hold('importChunk');
    kit.screen.show(<ImportDataset onImported={() => {}} />);
    const entities = Array.from({ length: IMPORT_CHUNK + 1 }, (_, i) => ({ ...person(i), roles: [], mentions: [] }));
    const file = new File([JSON.stringify({ format: 'factlens-dataset/2', id: 'people', name: 'People', version: '1', entities })], 'people.json');
    const input = one<HTMLInputElement>('[data-testid=import-file]');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => expect(chunks).toHaveLength(1));
    click(buttonNamed('Cancel'));
    chunks[0]!.release();
    await until(() => expect(text('[data-testid=import] [role=status]')).toBe('Nothing was imported.'));
    expect(one<HTMLInputElement>('[data-testid=import-file]').disabled).toBe(false);
    await kit.settle();
    expect(chunks).toHaveLength(1);
    expect(kit.background.received.filter((m) => m.type === 'importAbort')).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });
});
