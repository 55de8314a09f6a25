import { createLineSplitter } from './lines';
import type { Output } from './output';
import { emptyBatch, type Converter, type ConvertSummary } from './types';

/**
 * The Converter protocol for a format read line by line: only the unfinished
 * line is held between pieces. With two passes, `learn` sees every line of
 * the first pass (relations, labels) and `convert` every line of the second.
 */
export function lineConverter({
  passes,
  output,
  learn,
  convert,
  finish,
  summary = () => output.summary(),
}: {
  passes: 1 | 2;
  output: Output;
  learn?: (line: string, lineNumber: number) => void;
  convert: (line: string, lineNumber: number) => void;
  /** After the last line of the last pass. */
  finish?: () => void;
  summary?: () => ConvertSummary;
}): Converter {
  let pass = 0;
  const last = () => pass === passes - 1;
  const splitter = createLineSplitter((line, n) => (last() ? convert(line, n) : learn?.(line, n)));
  return {
    passes,
    streamed: true,
    push(text) {
      if (pass >= passes) throw new Error('push after the last pass');
      splitter.push(text);
      return last() ? output.take() : emptyBatch();
    },
    endPass() {
      splitter.end();
      if (!last()) {
        pass++;
        return emptyBatch();
      }
      finish?.();
      pass++;
      return output.take();
    },
    summary,
  };
}
