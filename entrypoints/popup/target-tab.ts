import { browser } from 'wxt/browser';

/** The tab the popup is about, and whether the popup is a page of its own rather than the toolbar popup. */
export interface TargetTab {
  /** null when there is no tab to ask (none active, or an unusable ?tab=). */
  tabId: number | null;
  /**
   * True when opened as a page with ?tab=<id> (tests, or a popup opened in a tab):
   * such a page stays open after acting on the tab, where the toolbar popup closes.
   */
  asPage: boolean;
}

/** ?tab=<id> names the tab; otherwise it is the active tab of the current window. */
export async function targetTab(search: string = location.search): Promise<TargetTab> {
  const param = new URLSearchParams(search).get('tab');
  if (param !== null) {
    const id = Number(param);
    return { tabId: Number.isInteger(id) && id >= 0 ? id : null, asPage: true };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return { tabId: tab?.id ?? null, asPage: false };
}
