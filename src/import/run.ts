import type { ConvertBatch, Converter, ConvertSummary } from './types';

/**
 * Runs a converter over a file that `readPass` can read from the start as
 * often as the converter has passes, handing each batch to `onBatch` as it
 * comes (a streamed import writes it; a command collects it). Throws
 * ConvertError when the file cannot be converted.
 */
export async function runConverter({
  converter,
  readPass,
  onBatch,
  signal,
}: {
  converter: Converter;
  readPass: () => AsyncIterable<string>;
  onBatch: (batch: ConvertBatch) => void | Promise<void>;
  signal?: AbortSignal;
}): Promise<ConvertSummary> {
  for (let pass = 0; pass < converter.passes; pass++) {
    for await (const text of readPass()) {
      signal?.throwIfAborted();
      await onBatch(converter.push(text));
    }
    await onBatch(converter.endPass());
  }
  return converter.summary();
}
