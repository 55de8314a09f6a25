/**
 * npm run convert -- <file> [--from wikidata|ftm|popolo|csv] [--lang <tag>]
 *   [--id <id>] [--name <name>] [--dataset-version <version>] > dataset.json
 *
 * Converts a Wikidata, FollowTheMoney, Popolo or CSV file into a Factlens
 * dataset (format version 2) on standard output, with the same converters the
 * options page runs. What was skipped, and why, goes to standard error.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { englishText } from '../src/dataset/problem-english';
import { DATASET_FORMAT, type Dataset, type Entity, type Source } from '../src/dataset/schema';
import { validateDataset } from '../src/dataset/validate';
import { createConverter } from '../src/import/convert';
import { DETECT_HEAD_CHARS, detectFormat, isImportFormat, type ForeignFormat } from '../src/import/detect';
import { slug } from '../src/import/output';
import { runConverter } from '../src/import/run';
import { ConvertError, type ImportProblem } from '../src/import/types';
import { createUtf8Decoder } from '../src/import/utf8';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    id: { type: 'string' },
    name: { type: 'string' },
    'dataset-version': { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const file = positionals[0] ?? fail('usage: npm run convert -- <file> [--from wikidata|ftm|popolo|csv] [--lang en] [--id id] [--name name] > dataset.json');

function head(): string {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(DETECT_HEAD_CHARS);
  const read = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  return new TextDecoder().decode(buffer.subarray(0, read));
}

async function* readPass(): AsyncIterable<string> {
  const decode = createUtf8Decoder();
  for await (const chunk of createReadStream(file)) yield decode(chunk as Buffer);
  yield decode(new Uint8Array(), true);
}

async function main(): Promise<void> {
  const from = values.from;
  if (from !== undefined && (!isImportFormat(from) || from === 'factlens')) fail(`--from must be one of wikidata, ftm, popolo, csv (not "${from}")`);
  const format = (from as ForeignFormat | undefined) ?? detectFormat(head());
  if (format === null) fail(`${file}: the format is not recognised; name it with --from wikidata|ftm|popolo|csv`);
  if (format === 'factlens') fail(`${file} is already a Factlens dataset: import it as it is`);

  const sources: Source[] = [];
  const entities: Entity[] = [];
  const problems: ImportProblem[] = [];
  const summary = await runConverter({
    converter: createConverter(format, { lang: values.lang }),
    readPass,
    onBatch: (batch) => {
      sources.push(...batch.sources);
      entities.push(...batch.entities);
      problems.push(...batch.problems);
    },
  });
  const dataset: Dataset = {
    format: DATASET_FORMAT,
    id: values.id ?? slug(basename(file).replace(/\.[^.]+$/, '')),
    name: values.name ?? basename(file),
    version: values['dataset-version'] ?? new Date().toISOString().slice(0, 10),
    sources,
    entities,
  };
  const checked = validateDataset(dataset);
  if (!checked.ok) fail(`the converted dataset is not valid: ${checked.problems.map((p) => `${p.path}: ${englishText(p)}`).join('; ')}`);
  process.stdout.write(`${JSON.stringify(checked.dataset, null, 1)}\n`);

  for (const p of problems) console.error(`${file}${p.line === undefined ? '' : `:${p.line}`}: ${englishText(p)}`);
  console.error(
    `${file} (${format}): ${summary.entities} entities, ${summary.sources} sources, ${summary.skipped} skipped${ 
      summary.unlabelled.length > 0 ? `; no label in the file for ${summary.unlabelled.join(', ')} (shown by id)` : ''}`,
  );
}

main().catch((error: unknown) => fail(error instanceof ConvertError ? `${file}: ${englishText(error.problem)}` : String(error instanceof Error ? error.stack : error)));
