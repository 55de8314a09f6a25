import { convertText, createConverter } from '../../src/import/convert';
import { DETECT_HEAD_CHARS, detectFormat, isImportFormat, type ForeignFormat } from '../../src/import/detect';
import { ConvertError } from '../../src/import/types';
import type { DatasetInfo } from '../../src/messages/protocol';
import { problemText } from '../../utils/i18n';
import { importDataset, readTextFile, type FileLike, type ImportDeps, type ImportFailure } from './import-file';
import type { Formats, ImportPlan } from './import-plan';
import { createReport, type ImportReport } from './import-report';

const foreign = (format: string): ForeignFormat => {
  if (!isImportFormat(format) || format === 'factlens') throw new Error(`not a format to convert: ${format}`);
  return format;
};

/** The converters of src/import/, with names and descriptions in the browser's language. */
export const FORMATS: Formats = {
  headChars: DETECT_HEAD_CHARS,
  detect: detectFormat,
  create: (format) => createConverter(foreign(format), { lang: globalThis.navigator?.language ?? 'en' }),
};

export type WholeOutcome =
  | { status: 'imported'; info: DatasetInfo; report: ImportReport; unlabelled: number }
  | { status: 'cancelled' }
  | { status: 'refused'; failure: ImportFailure; report?: ImportReport }
  | { status: 'failed'; failure: ImportFailure };

/**
 * A format that must be parsed whole (Wikidata entity JSON or SPARQL
 * results, Popolo): read within MAX_IMPORT_BYTES, converted by the same
 * converter `npm run convert` runs, then imported like a Factlens file.
 */
export async function importWhole({
  file,
  plan,
  deps,
}: {
  file: FileLike & { name: string };
  plan: Extract<ImportPlan, { kind: 'whole' }>;
  deps: ImportDeps;
}): Promise<WholeOutcome> {
  const read = await readTextFile(file);
  if (!read.ok) return { status: 'refused', failure: read.failure };
  const { report, problem } = createReport(file.name);
  let conversion;
  try {
    conversion = convertText(read.text, { from: foreign(plan.format), ...plan.header, lang: globalThis.navigator?.language ?? 'en' });
  } catch (error) {
    if (error instanceof ConvertError) return { status: 'refused', failure: { message: problemText(error.problem) } };
    throw error;
  }
  for (const p of conversion.problems) problem(p);
  report.skipped = conversion.summary.skipped;
  const outcome = await importDataset(conversion.dataset, deps);
  if (outcome.status !== 'imported') return outcome;
  report.imported = outcome.info.entityCount;
  return { status: 'imported', info: outcome.info, report, unlabelled: conversion.summary.unlabelled.length };
}
