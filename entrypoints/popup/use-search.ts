import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_QUERY_LENGTH } from '../../src/limits';
import type { SearchHit } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';

export type SearchState =
  | { status: 'idle'; hits: readonly SearchHit[] }
  /** Waiting for the answer to `query`; `hits` are the previous answer's, kept so the list does not flicker. */
  | { status: 'loading'; query: string; hits: readonly SearchHit[] }
  | { status: 'ready'; query: string; hits: readonly SearchHit[] }
  | { status: 'error'; query: string; hits: readonly SearchHit[]; error: string };

const IDLE: SearchState = { status: 'idle', hits: [] };


/**
 * Searches on every change of the query. Answers can arrive out of order, so
 * each request is numbered and only the answer to the latest one is kept.
 */
export function useSearch(query: string): SearchState {
  const [state, setState] = useState<SearchState>(IDLE);
  const latest = useRef(0);

  useEffect(() => {
    const seq = ++latest.current;
    const q = query.trim().slice(0, MAX_QUERY_LENGTH);
    if (q === '') {
      setState(IDLE);
      return;
    }
    setState((previous) => ({ status: 'loading', query: q, hits: previous.hits }));
    request({ type: 'search', query: q }).then(
      (hits) => {
        if (seq === latest.current) setState({ status: 'ready', query: q, hits });
      },
      (error: unknown) => {
        if (seq !== latest.current) return;
        setState({ status: 'error', query: q, hits: [], error: error instanceof Error ? error.message : String(error) });
      },
    );
  }, [query]);

  return state;
}
