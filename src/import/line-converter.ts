import { createLineSplitter } from './lines';
import type { Output } from './output';
import { emptyBatch, type Converter, type ConvertSummary } from './types';

/**
 * The Converter protocol for a format read line by line: only the unfinished
 * line is held between pieces. With several passes, `learn` sees every line
 * of the first pass (relations, labels) and `convert` every line of each
 * later one; `passes` may be a function when the first pass decides how many.
 */
export function lineConverter({
  passes,
  output,
  learn,
  convert,
  passEnded,
  finish,
  summary = () => output.summary(),
}: {
  passes: number | (() => number);
  output: Output;
  learn?: (line: string, lineNumber: number) => void;
  convert: (line: string, lineNumber: number, pass: number) => void;
  /** After the last line of each pass, before what it wrote is taken. */
  passEnded?: (pass: number) => void;
  /** After the last line of the last pass. */
  finish?: () => void;
  summary?: () => ConvertSummary;
}): Converter {
  let pass = 0;
  const count = () => (typeof passes === 'number' ? passes : passes());
  const learning = () => pass === 0 && count() > 1;
  const splitter = createLineSplitter((line, n) => (learning() ? learn?.(line, n) : convert(line, n, pass)));
  return {
    get passes() {
      return count();
    },
    streamed: true,
    push(text) {
      if (pass >= count()) throw new Error('push after the last pass');
      splitter.push(text);
      return learning() ? emptyBatch() : output.take();
    },
    endPass() {
      splitter.end();
      const learnt = learning();
      passEnded?.(pass);
      pass++;
      if (learnt) return emptyBatch();
      if (pass === count()) finish?.();
      return output.take();
    },
    summary,
  };
}
