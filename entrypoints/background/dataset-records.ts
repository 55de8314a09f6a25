import type { Dataset, Entity, Source } from '../../src/dataset/schema';
import { foldText } from '../../src/text/fold';
import type { StoredEntity, StoredSource } from './db';

export function entityRow({ entity, dataset, gen, seq }: { entity: Entity; dataset: string; gen: string; seq: number }): StoredEntity {
  return {
    ...entity,
    dataset,
    gen,
    seq,
    aliasKeys: [...new Set([entity.name, ...entity.aliases.map((a) => a.text)].map(foldText))],
  };
}

export function sourceRow({ source, dataset, gen, seq }: { source: Source; dataset: string; gen: string; seq: number }): StoredSource {
  return { ...source, dataset, gen, seq };
}

/** A fresh generation key: the dataset id, so rows stay readable in devtools, and a random part. */
export function newGeneration(dataset: string): string {
  return `${dataset}#${crypto.randomUUID()}`;
}

/** A whole dataset as rows of one generation. */
export function datasetRows({ dataset, gen }: { dataset: Dataset; gen: string }): { entities: StoredEntity[]; sources: StoredSource[] } {
  return {
    entities: dataset.entities.map((entity, seq) => entityRow({ entity, dataset: dataset.id, gen, seq })),
    sources: dataset.sources.map((source, seq) => sourceRow({ source, dataset: dataset.id, gen, seq })),
  };
}

/** Strips what only the store needs, giving back the public entity. */
export function publicEntityOf(row: StoredEntity): Entity {
  const { gen: _gen, aliasKeys: _keys, dataset: _dataset, seq: _seq, ...entity } = row;
  return entity;
}

export function publicSourceOf(row: StoredSource): Source {
  const { gen: _gen, dataset: _dataset, seq: _seq, ...source } = row;
  return source;
}
