import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { EntityKey, PageInfo } from '../../../src/messages/protocol';
import { LOCALES, messageIn } from '../support/locale-messages';
import type { FakeBackground } from './fake-background';

/**
 * What test files give the pages for `wxt/browser`:
 *   vi.mock('wxt/browser', () => import('./kit/browser'));
 * WXT's fakeBrowser (runtime.id, getURL, onMessage for the pages' listeners),
 * with messages to the background sent to the kit's fake background, and
 * tabs whose content script is a stand-in the test sets up.
 */
export const browser = fakeBrowser;

// The pages' words, in English as in an English browser (test/unit/support/locale-messages.ts).
Object.assign(fakeBrowser.i18n, {
  getMessage: (key: string, substitutions?: string | string[]) => messageIn(LOCALES.en!, key, substitutions),
  getUILanguage: () => 'en-US',
});

/** A tab and the content script in it: `page` is what it reports, null when it has none. */
export interface FakeTab {
  id: number;
  active: boolean;
  page: PageInfo | null;
  /** The entities it was asked to reveal, in order. */
  revealed: EntityKey[];
}

let background: FakeBackground | null = null;
const tabs = new Map<number, FakeTab>();

export function connect(to: FakeBackground | null): void {
  background = to;
  tabs.clear();
}

/** Opens a tab (the active one unless said otherwise) with a content script reporting `page`. */
export function openTab({ id, page, active = true }: { id: number; page: PageInfo | null; active?: boolean }): FakeTab {
  if (active) for (const tab of tabs.values()) tab.active = false;
  const tab: FakeTab = { id, active, page, revealed: [] };
  tabs.set(id, tab);
  return tab;
}

const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';

Object.assign(fakeBrowser.runtime, {
  sendMessage(message: unknown): Promise<unknown> {
    if (!background) return Promise.reject(new Error(NO_RECEIVER));
    return background.send(message);
  },
});

Object.assign(fakeBrowser.tabs, {
  async query(query: { active?: boolean }) {
    return [...tabs.values()].filter((tab) => query.active === undefined || tab.active === query.active).map(({ id, active }) => ({ id, active }));
  },
  async sendMessage(tabId: number, message: { type: string; key?: EntityKey }) {
    const tab = tabs.get(tabId);
    if (!tab?.page) throw new Error(NO_RECEIVER);
    const answer = structuredClone(tab.page);
    switch (message.type) {
      case 'getPageInfo':
        return answer;
      case 'revealEntity':
        tab.revealed.push(message.key!);
        return true;
      default:
        return undefined;
    }
  },
});

/** Whether any page is listening for the background's broadcasts. */
export function pagesListening(): boolean {
  return (fakeBrowser.runtime.onMessage as unknown as { hasListeners(): boolean }).hasListeners();
}
