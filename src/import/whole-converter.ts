import type { Output } from './output';
import { ConvertError, emptyBatch, type Converter } from './types';

/** The Converter protocol for a format parsed whole: the text is kept until the end, then `convert` runs once. */
export function wholeConverter({ output, convert }: { output: Output; convert: (json: unknown) => void }): Converter {
  let text = '';
  let done = false;
  return {
    passes: 1,
    streamed: false,
    push(piece) {
      if (done) throw new Error('push after the last pass');
      text += piece;
      return emptyBatch();
    },
    endPass() {
      done = true;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new ConvertError('problemNotJson', error instanceof Error ? error.message : String(error));
      }
      text = '';
      convert(json);
      return output.take();
    },
    summary: () => output.summary(),
  };
}
