import type { Dataset } from '../../../src/dataset/schema';
import { IMPORT_CHUNK } from '../../../src/limits';
import type { testHandlers } from './handlers';

type Handlers = ReturnType<typeof testHandlers>['handlers'];

/** Imports a dataset the way the options page does: begin, chunks, commit; abort on failure. */
export async function importDataset({ handlers, dataset, chunk = IMPORT_CHUNK }: { handlers: Handlers; dataset: Dataset; chunk?: number }) {
  const { importId } = await handlers.importBegin({
    type: 'importBegin',
    dataset: { id: dataset.id, name: dataset.name, version: dataset.version, description: dataset.description },
  });
  try {
    await handlers.importChunk({ type: 'importChunk', importId, sources: dataset.sources, entities: [] });
    for (let i = 0; i < dataset.entities.length; i += chunk) {
      await handlers.importChunk({ type: 'importChunk', importId, sources: [], entities: dataset.entities.slice(i, i + chunk) });
    }
    return await handlers.importCommit({ type: 'importCommit', importId });
  } catch (error) {
    await handlers.importAbort({ type: 'importAbort', importId });
    throw error;
  }
}
