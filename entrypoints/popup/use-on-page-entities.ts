import type { EntityType } from '../../src/dataset/schema';
import { parseEntityKey, type EntityKey, type PageInfo } from '../../src/messages/protocol';
import { refBatches } from '../../src/messages/ref-batches';
import { request } from '../../utils/messaging';
import { useRequest, type RequestState } from '../../utils/use-request';

export interface OnPageEntity {
  key: EntityKey;
  name: string;
  type: EntityType;
  count: number;
}

export type OnPageState = RequestState<OnPageEntity[]>;

/** Most mentioned first; ties by name, as a reader would look them up. */
function sortOnPage(entities: OnPageEntity[]): OnPageEntity[] {
  return [...entities].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

async function loadOnPage(found: PageInfo['entities']): Promise<OnPageEntity[]> {
  if (found.length === 0) return [];
  const refs = found.map((e) => parseEntityKey(e.key));
  const records = (await Promise.all(refBatches(refs).map((batch) => request({ type: 'getEntities', refs: batch })))).flat();
  const entities: OnPageEntity[] = [];
  found.forEach(({ key, count }, i) => {
    const record = records[i];
    if (record) entities.push({ key, count, name: record.name, type: record.type });
  });
  return sortOnPage(entities);
}

/**
 * The page's entities with their names and types, fetched anew each time
 * the page reports (in as few requests as the protocol allows). Keys the store no longer knows are left out.
 */
export function useOnPageEntities(info: PageInfo | null): OnPageState {
  return useRequest(info ? () => loadOnPage(info.entities) : null, [info]);
}
