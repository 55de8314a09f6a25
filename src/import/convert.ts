import { DATASET_FORMAT, type Dataset, type Entity, type Source } from '../dataset/schema';
import { validateDataset } from '../dataset/validate';
import { csvConverter } from './csv';
import { detectFormat, type ForeignFormat } from './detect';
import { ftmConverter } from './ftm';
import { popoloConverter } from './popolo';
import { ConvertError, type Converter, type ConvertOptions, type ConvertSummary, type ImportProblem } from './types';
import { wikidataConverter } from './wikidata';

export function createConverter(format: ForeignFormat, options: ConvertOptions = {}): Converter {
  switch (format) {
    case 'wikidata':
      return wikidataConverter(options);
    case 'ftm':
      return ftmConverter();
    case 'popolo':
      return popoloConverter();
    case 'csv':
      return csvConverter();
  }
}

export interface ConvertTextOptions extends ConvertOptions {
  /** Overrides detection. */
  from?: ForeignFormat;
  /** The dataset's header; the id defaults to `<format>-import`. */
  id?: string;
  name?: string;
  version?: string;
  description?: string;
}

export interface Conversion {
  format: ForeignFormat;
  dataset: Dataset;
  summary: ConvertSummary;
  problems: ImportProblem[];
}

const FORMAT_NAMES: Record<ForeignFormat, string> = { wikidata: 'Wikidata', ftm: 'FollowTheMoney', popolo: 'Popolo', csv: 'CSV' };

/**
 * A whole text converted to a version 2 dataset, through the same converter
 * a streamed import runs: for `npm run convert` and for files small enough
 * to hold. Throws ConvertError when the file cannot be converted.
 */
export function convertText(text: string, options: ConvertTextOptions = {}): Conversion {
  const detected = options.from ?? detectFormat(text.slice(0, 64 * 1024));
  if (detected === null) throw new ConvertError('problemFormatUnknown');
  if (detected === 'factlens') throw new ConvertError('problemAlreadyFactlens');
  const converter = createConverter(detected, options);
  const sources: Source[] = [];
  const entities: Entity[] = [];
  const problems: ImportProblem[] = [];
  for (let pass = 0; pass < converter.passes; pass++) {
    for (const batch of [converter.push(text.replace(/^\ufeff/, '')), converter.endPass()]) {
      sources.push(...batch.sources);
      entities.push(...batch.entities);
      problems.push(...batch.problems);
    }
  }
  const summary = converter.summary();
  const dataset: Dataset = {
    format: DATASET_FORMAT,
    id: options.id ?? `${detected}-import`,
    name: options.name ?? `${FORMAT_NAMES[detected]} import`,
    version: options.version ?? '1',
    ...(options.description ? { description: options.description } : {}),
    sources,
    entities,
  };
  // The converters write only valid entities; this holds them to the rules across the file too.
  const checked = validateDataset(dataset);
  if (!checked.ok) {
    const [first] = checked.problems;
    throw new ConvertError('problemConvertedInvalid', first!.path, { code: first!.code, params: first!.params });
  }
  return { format: detected, dataset: checked.dataset, summary, problems };
}
