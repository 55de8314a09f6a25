import { MAX_REFS } from '../limits';

/** `refs` in batches of at most MAX_REFS, in order: each one request the background accepts. */
export function refBatches<T>(refs: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < refs.length; i += MAX_REFS) batches.push(refs.slice(i, i + MAX_REFS));
  return batches;
}
