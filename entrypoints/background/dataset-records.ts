import type { Dataset } from '../../src/dataset/schema';
import type { DatasetInfo, SourceRecord } from '../../src/messages/protocol';
import { foldText } from '../../src/text/fold';
import type { StoredEntity } from './db';

/** A public-format dataset as the rows the store keeps. */
export function datasetRecords({ dataset, bundled, enabled }: { dataset: Dataset; bundled: boolean; enabled: boolean }): {
  info: DatasetInfo;
  entities: StoredEntity[];
  sources: SourceRecord[];
} {
  const entities = dataset.entities.map((e) => ({
    ...e,
    dataset: dataset.id,
    aliasKeys: [...new Set([e.name, ...e.aliases.map((a) => a.text)].map(foldText))],
  }));
  const sources = dataset.sources.map((s) => ({ ...s, dataset: dataset.id }));
  return {
    info: {
      id: dataset.id,
      name: dataset.name,
      version: dataset.version,
      ...(dataset.description === undefined ? {} : { description: dataset.description }),
      bundled,
      enabled,
      entityCount: entities.length,
      sourceCount: sources.length,
      updatedAt: Date.now(),
    },
    entities,
    sources,
  };
}
