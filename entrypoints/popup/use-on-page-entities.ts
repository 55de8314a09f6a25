import { useEffect, useState } from 'preact/hooks';
import type { EntityType } from '../../src/dataset/schema';
import { parseEntityKey, type EntityKey, type PageInfo } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';

export interface OnPageEntity {
  key: EntityKey;
  name: string;
  type: EntityType;
  count: number;
}

export type OnPageState = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; entities: OnPageEntity[] };

/** Most mentioned first; ties by name, as a reader would look them up. */
export function sortOnPage(entities: OnPageEntity[]): OnPageEntity[] {
  return [...entities].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

/**
 * The page's entities with their names and types, fetched in one batch each
 * time the page reports anew. Keys the store no longer knows are left out.
 */
export function useOnPageEntities(info: PageInfo | null): OnPageState {
  const [state, setState] = useState<OnPageState>({ status: 'loading' });

  useEffect(() => {
    if (!info) return;
    const found = info.entities;
    if (found.length === 0) {
      setState({ status: 'ready', entities: [] });
      return;
    }
    let current = true;
    request({ type: 'getEntities', refs: found.map((e) => parseEntityKey(e.key)) }).then(
      (records) => {
        if (!current) return;
        const entities: OnPageEntity[] = [];
        found.forEach(({ key, count }, i) => {
          const record = records[i];
          if (record) entities.push({ key, count, name: record.name, type: record.type });
        });
        setState({ status: 'ready', entities: sortOnPage(entities) });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [info]);

  return state;
}
