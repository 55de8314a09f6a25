import { MAX_QUERY_LENGTH } from '../../src/limits';
import type { SearchHit } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';
import { useRequest, type RequestState } from '../../utils/use-request';

export type SearchState = RequestState<readonly SearchHit[]>;

/** The hits a search state shows: the answer, or the last one while the next is on its way. */
export function hitsOf(state: SearchState): readonly SearchHit[] {
  return state.status === 'ready' ? state.value : NO_HITS;
}
const NO_HITS: readonly SearchHit[] = [];

/** Searches on every change of the query; an empty query asks nothing. */
export function useSearch(query: string): SearchState {
  const q = query.trim().slice(0, MAX_QUERY_LENGTH);
  return useRequest(q === '' ? null : () => request({ type: 'search', query: q }), [q]);
}
