import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import bundled from '../../assets/dataset.json';
import type { Dataset } from '../../src/dataset/schema';
import { openDb } from './db';
import { createHandlers } from './handlers';
import { routeMessage, senderKind } from './router';
import { seedBundled } from './seed';

export default defineBackground({
  // Firefox MV2: an event page, like Chrome's service worker, so both lose
  // their memory when idle and must rebuild everything from IndexedDB.
  persistent: false,
  main() {
    const db = openDb();
    // Seeding is idempotent, so running it at every start (not only on
    // install) also repairs a store wiped or interrupted mid-seed.
    const ready = seedBundled({ db, dataset: bundled as Dataset }).catch((error: unknown) => {
      console.error('Factlens: could not load the bundled dataset', error);
    });
    const handlers = createHandlers({ db });
    const extensionOrigin = `${globalThis.location.origin}/`;

    browser.runtime.onInstalled.addListener(({ reason }) => {
      // A first install shows the options page: what Factlens knows and how to turn it off.
      if (reason === 'install') void browser.runtime.openOptionsPage();
    });

    browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
      const kind = senderKind({ sender, extensionId: browser.runtime.id, extensionOrigin });
      void ready
        .then(() => routeMessage({ message, kind, url: sender.url, handlers }))
        .then(sendResponse);
      // Keeps the channel open for the asynchronous answer (both browsers honour it).
      return true;
    });
  },
});
