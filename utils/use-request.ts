import type { Inputs } from 'preact/hooks';
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from './request-error';

/**
 * What a page knows about one piece of data it asked for. After the first
 * answer, a new request (a reload, or new inputs) keeps the last value on
 * screen, marked `refreshing`, until its own answer lands: lists and switches
 * do not blink away, and focus stays where it was.
 */
export type RequestState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T; refreshing: boolean }
  | { status: 'error'; error: string };

export interface RequestControl<T> {
  /** Asks again with the same inputs (after a broadcast, or a change made elsewhere on the page). */
  reload(): void;
  /**
   * Shows `optimistic` at once, then what `save` resolves to. If `save`
   * fails, the value before is put back and the promise rejects with its
   * error. A change or load started later wins: then this one's answer (or
   * failure) is dropped and it resolves 'dropped', as it does, changing
   * nothing, when there is no value yet.
   */
  change(optimistic: T, save: () => Promise<T>): Promise<'saved' | 'dropped'>;
}

const LOADING = { status: 'loading' } as const;

/**
 * Runs `load` when `deps` change (or not at all while it is null) and holds
 * its answer. Only the newest request's answer is ever applied: every load,
 * reload and change takes a number, and an answer whose number is no longer
 * the latest is dropped. This is the one place pages ignore stale answers.
 */
export function useRequest<T>(load: (() => Promise<T>) | null, deps: Inputs): RequestState<T> & RequestControl<T> {
  const [state, setState] = useState<RequestState<T>>(LOADING);
  const latest = useRef(0);
  const current = useRef(state);
  current.current = state;
  const loader = useRef(load);
  loader.current = load;
  const [reloads, setReloads] = useState(0);

  const apply = (seq: number, next: RequestState<T>): boolean => {
    if (seq !== latest.current) return false;
    current.current = next;
    setState(next);
    return true;
  };

  // Asked as the render commits, not after the next paint as useEffect would: a search keystroke waited up to a frame before its request left.
  useLayoutEffect(() => {
    const seq = ++latest.current;
    const run = loader.current;
    if (!run) {
      apply(seq, LOADING);
      return;
    }
    const before = current.current;
    apply(seq, before.status === 'ready' ? { ...before, refreshing: true } : LOADING);
    run().then(
      (value) => apply(seq, { status: 'ready', value, refreshing: false }),
      (error: unknown) => apply(seq, { status: 'error', error: errorMessage(error) }),
    );
    // Dropping every answer once the page is gone.
    return () => {
      if (seq === latest.current) latest.current++;
    };
    // `load` is read through a ref: a caller's inline function is new on every render, its inputs are `deps`.
  }, [...deps, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  const change = useCallback(async (optimistic: T, save: () => Promise<T>): Promise<'saved' | 'dropped'> => {
    const before = current.current;
    if (before.status !== 'ready') return 'dropped';
    const seq = ++latest.current;
    apply(seq, { status: 'ready', value: optimistic, refreshing: false });
    let saved: T;
    try {
      saved = await save();
    } catch (error) {
      if (!apply(seq, { ...before, refreshing: false })) return 'dropped';
      throw error;
    }
    return apply(seq, { status: 'ready', value: saved, refreshing: false }) ? 'saved' : 'dropped';
  }, []);

  return { ...state, reload, change };
}
