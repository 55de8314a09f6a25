import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import bundled from '../../assets/dataset.json';
import type { Dataset } from '../../src/dataset/schema';
import { askTab } from '../../utils/tab-messaging';
import { openDb } from './db';
import type { Effects } from './handlers';
import { cleanUpStore } from './imports';
import { routeMessage, senderKind, writesNothing } from './router';
import { seedBundled } from './seed';
import { createServices } from './services';
import { browserSettingsArea, isSettingKey, restrictStorageToExtensionPages } from './settings-area';
import { migrateSettings } from './settings-migration';
import { toggleActiveSite } from './toggle-site-command';

const effects: Effects = {
  async openTab({ path, openerTabId, index }) {
    await browser.tabs.create({ url: browser.runtime.getURL(path as '/viewer.html'), openerTabId, index });
  },
  broadcast(message) {
    // Extension pages (popup, options) listen on runtime; pages' content scripts on their tab.
    browser.runtime.sendMessage(message).catch(() => {});
    void browser.tabs.query({}).then((tabs) => {
      for (const tab of tabs) {
        if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, message).catch(() => {});
      }
    });
  },
  tellFrame(tabId, frameId, message) {
    browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => {});
  },
  askTopFrame: (tabId) => askTab(tabId, { type: 'getSite' }),
};

export default defineBackground({
  // Firefox MV2: an event page, like Chrome's service worker, so both lose
  // their memory when idle and must rebuild everything from IndexedDB.
  persistent: false,
  main() {
    const db = openDb();
    const { area: settings } = browserSettingsArea();
    restrictStorageToExtensionPages();
    // Seeding is idempotent, so running it at every start (not only on
    // install) also repairs a store wiped or interrupted mid-seed.
    const prepared = seedBundled({ db, dataset: bundled as Dataset }).then(() => migrateSettings({ db, settings, local: browser.storage.local }));
    const failed = (error: unknown) => {
      console.error('Factlens: could not prepare the store', error);
    };
    // What a page reads (its settings, the scan, cards) is there once the store is seeded and the settings migrated.
    const readable = prepared.catch(failed);
    // The rest waits for the startup cleanup too, which deletes what a stopped worker's unfinished imports and removals left: nothing may write meanwhile.
    const ready = prepared.then(() => cleanUpStore({ db })).catch(failed);
    const { handlers, matcher } = createServices({ db, settings, effects });
    // Most wakes are a page asking for its settings, and its scan follows: the stored automaton is read meanwhile.
    void readable.then(() => matcher.warm()).catch(() => {});

    // A setting changed on another device arrives through sync: open tabs
    // and pages follow it as they follow a change made here. (A change made
    // here is told twice, by its handler and by this; telling is idempotent.)
    browser.storage.onChanged.addListener((changes) => {
      if (Object.keys(changes).some(isSettingKey)) effects.broadcast({ type: 'settingsChanged' });
    });
    const extensionOrigin = `${globalThis.location.origin}/`;

    browser.runtime.onInstalled.addListener(({ reason }) => {
      // A first install shows the options page: what Factlens knows and how to turn it off.
      if (reason === 'install') void browser.runtime.openOptionsPage();
    });

    browser.commands.onCommand.addListener((command) => {
      if (command !== 'toggle-site') return;
      void ready
        .then(() => toggleActiveSite({ settings, onChanged: () => effects.broadcast({ type: 'settingsChanged' }) }))
        .catch(() => {
          // No content script in the active tab (a browser page): nothing to toggle.
        });
    });

    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      const kind = senderKind({ sender, extensionId: browser.runtime.id, extensionOrigin });
      const context = { tabId: sender.tab?.id, tabIndex: sender.tab?.index, frameId: sender.frameId, url: sender.url };
      void (writesNothing(message) ? readable : ready)
        .then(() => routeMessage({ message, kind, handlers, context }))
        .then(sendResponse);
      // Keeps the channel open for the asynchronous answer (both browsers honour it).
      return true;
    });
  },
});
