import { ProblemError, type ProblemText } from '../dataset/problem';
import type { Entity, Source } from '../dataset/schema';

/** What could not be converted, and where: `line` is 1-based in the input file when the format has lines. */
export interface ImportProblem extends ProblemText {
  line?: number;
}

/** What one step of a conversion produced. Sources come before the entities that cite them. */
export interface ConvertBatch {
  sources: Source[];
  entities: Entity[];
  problems: ImportProblem[];
}

export interface ConvertSummary {
  entities: number;
  sources: number;
  /** Entities (or relations, rows) skipped, each listed among the problems. */
  skipped: number;
  /** Referenced items whose label was not in the file, shown by their id instead (Wikidata). */
  unlabelled: string[];
}

/**
 * A converter from one foreign format to version 2 entities and sources.
 *
 * The caller feeds the file's text `passes` times, from the start each time:
 * push() any number of pieces (split anywhere, even inside a line), then
 * endPass(). A converter of several passes learns relations and labels in
 * the first pass and returns nothing from it; entities come out of the later
 * ones. `passes` may grow when the first pass ends (ftm.ts reads a file with
 * many relations again for each group of holders). After
 * the last endPass(), summary() says what was converted, or throws a
 * ConvertError when nothing was.
 */
export interface Converter {
  readonly passes: number;
  /**
   * True when memory does not grow with the file (it is read line by line);
   * false when the text is kept and parsed whole at the end, so a size limit
   * should apply.
   */
  readonly streamed: boolean;
  push(text: string): ConvertBatch;
  endPass(): ConvertBatch;
  summary(): ConvertSummary;
}

/**
 * A file that cannot be converted at all: wrong header, not UTF-8, no valid
 * entity, not the format. `problem` says why in any language; the message is
 * only its code.
 */
export class ConvertError extends ProblemError {
  override name = 'ConvertError';
}

export const emptyBatch = (): ConvertBatch => ({ sources: [], entities: [], problems: [] });

export interface ConvertOptions {
  /** Preferred language for names and descriptions (BCP 47, e.g. the browser's); English is the fallback. */
  lang?: string;
}
