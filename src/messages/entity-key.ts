/**
 * "dataset/id": entity and dataset ids cannot contain "/", so the key is
 * unambiguous. Kept apart from protocol.ts, which pulls in zod, so that the
 * content script can use it without bundling a schema library.
 */
export type EntityKey = string;

export function entityKey({ dataset, id }: { dataset: string; id: string }): EntityKey {
  return `${dataset}/${id}`;
}

export function parseEntityKey(key: EntityKey): { dataset: string; id: string } {
  const slash = key.indexOf('/');
  return { dataset: key.slice(0, slash), id: key.slice(slash + 1) };
}
