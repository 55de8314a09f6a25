import { useEffect, useRef, useState } from 'preact/hooks';
import type { PageInfo } from '../../src/messages/protocol';
import { askTab } from '../../utils/tab-messaging';
import { targetTab, type TargetTab } from './target-tab';

export type PageState =
  | { status: 'loading' }
  /** No tab, or no content script in it: browser pages, stores, tabs loaded before Factlens was. */
  | { status: 'unavailable'; asPage: boolean }
  | { status: 'ready'; tabId: number; asPage: boolean; info: PageInfo };

/**
 * What the target tab's content script reports about its page. Asked again
 * whenever `revision` changes; an answer overtaken by a newer request is dropped.
 */
export function usePageInfo(revision: number): PageState {
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const target = useRef<Promise<TargetTab> | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const seq = ++latest.current;
    target.current ??= targetTab().catch((): TargetTab => ({ tabId: null, asPage: false }));
    void target.current.then(async ({ tabId, asPage }) => {
      let next: PageState;
      if (tabId === null) {
        next = { status: 'unavailable', asPage };
      } else {
        try {
          next = { status: 'ready', tabId, asPage, info: await askTab(tabId, { type: 'getPageInfo' }) };
        } catch {
          next = { status: 'unavailable', asPage };
        }
      }
      if (seq === latest.current) setState(next);
    });
  }, [revision]);

  return state;
}
