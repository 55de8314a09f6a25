import { useRef } from 'preact/hooks';
import type { PageInfo } from '../../src/messages/protocol';
import { askTab } from '../../utils/tab-messaging';
import { useRequest, type RequestState } from '../../utils/use-request';
import { targetTab, type TargetTab } from './target-tab';

/** The tab the popup is about and what its content script reports. */
interface TargetPage {
  tabId: number | null;
  asPage: boolean;
  /** null with no tab, or no content script in it: browser pages, stores, tabs loaded before Factlens was. */
  info: PageInfo | null;
}

export type PageState = RequestState<TargetPage>;

/** The page's info, when there is a page to ask. */
export function pageInfoOf(page: PageState): PageInfo | null {
  return page.status === 'ready' ? page.value.info : null;
}

/** What the target tab's content script reports about its page, asked again whenever `revision` changes. */
export function usePageInfo(revision: number): PageState {
  const target = useRef<Promise<TargetTab> | null>(null);
  return useRequest(async (): Promise<TargetPage> => {
    target.current ??= targetTab().catch((): TargetTab => ({ tabId: null, asPage: false }));
    const { tabId, asPage } = await target.current;
    const info = tabId === null ? null : await askTab(tabId, { type: 'getPageInfo' }).catch(() => null);
    return { tabId, asPage, info };
  }, [revision]);
}
