import type { Dataset, Source } from '../../src/dataset/schema';
import type { EntityBlockRecord, StoredSource } from './db';
import { entityBlocks } from './entity-blocks';

export function sourceRow({ source, dataset, gen, seq }: { source: Source; dataset: string; gen: string; seq: number }): StoredSource {
  return { ...source, dataset, gen, seq };
}

/** A fresh generation key: the dataset id, so rows stay readable in devtools, and a random part. */
export function newGeneration(dataset: string): string {
  return `${dataset}#${crypto.randomUUID()}`;
}

/** A whole dataset as rows of one generation. */
export function datasetRows({ dataset, gen }: { dataset: Dataset; gen: string }): { entities: EntityBlockRecord[]; sources: StoredSource[] } {
  return {
    entities: entityBlocks({ gen, dataset: dataset.id, entities: dataset.entities }),
    sources: dataset.sources.map((source, seq) => sourceRow({ source, dataset: dataset.id, gen, seq })),
  };
}

export function publicSourceOf(row: StoredSource): Source {
  const { gen: _gen, dataset: _dataset, seq: _seq, ...source } = row;
  return source;
}
