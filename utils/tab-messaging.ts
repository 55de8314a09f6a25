import { browser } from 'wxt/browser';
import type { TabRequestOf, TabRequestType, TabResponseMap } from '../src/messages/protocol';

/**
 * Asks the content script in a tab's top frame. Rejects when the tab has
 * none (browser pages, the store, pages loaded before Factlens was installed).
 */
export async function askTab<T extends TabRequestType>(
  tabId: number,
  message: TabRequestOf<T>,
): Promise<TabResponseMap[T]> {
  const answer: unknown = await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  if (answer === undefined || answer === null) throw new Error('Factlens is not running on this page');
  return answer as TabResponseMap[T];
}
