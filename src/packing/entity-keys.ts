import { entityKey, parseEntityKey, type EntityKey } from '../messages/entity-key';
import { packStrings, stringAt, type PackedStrings } from './strings';

/**
 * Entity keys in catalog order, each dataset's id written once per run of
 * its entities rather than in every key: a million keys name a handful of
 * datasets, and that prefix was most of each key, and a fifth of the stored
 * automaton's row a stopped worker reads before its first scan.
 */
export interface PackedEntityKeys {
  /** The dataset of each run of keys, and the index of the run's first key. */
  datasets: string[];
  runStart: Int32Array;
  ids: PackedStrings;
}

export function packEntityKeys(keys: readonly EntityKey[]): PackedEntityKeys {
  const datasets: string[] = [];
  const runStart: number[] = [];
  const ids = keys.map((key, i) => {
    const { dataset, id } = parseEntityKey(key);
    if (datasets.at(-1) !== dataset) {
      datasets.push(dataset);
      runStart.push(i);
    }
    return id;
  });
  return { datasets, runStart: Int32Array.from(runStart), ids: packStrings(ids) };
}

export function entityKeyAt({ datasets, runStart, ids }: PackedEntityKeys, i: number): EntityKey {
  let lo = 0;
  let hi = runStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (runStart[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  return entityKey({ dataset: datasets[lo]!, id: stringAt(ids, i) });
}
