import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startOverlay, type Overlay } from '../../overlay/overlay';
import { across, flow, timed } from '../../overlay/user-timing';
import { parseBroadcast, parseTabRequest } from '../../src/messages/page-messages';
import type { PageInfo, TabRequest } from '../../src/messages/protocol';
import { request as sendRequest } from '../../utils/messaging';
import '../../overlay/highlight.css';
import { clearPredecessor, quietWhenOrphaned } from './context-lost';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_idle',
  // highlight.css goes in the manifest (overlay/highlight-style.ts says
  // what that lets a page learn); the card's CSS is passed as text into the
  // page host's shadow root, so nothing is fetched and nothing is web-accessible.
  cssInjectionMode: 'manifest',
  async main(ctx) {
    const request = quietWhenOrphaned({ ctx, request: sendRequest });
    const ignore = new Set<Element>();
    /** The running overlay, and the controller whose abort takes it down. */
    let running: { overlay: Overlay; controller: AbortController } | null = null;
    const stopOverlay = () => {
      running?.controller.abort();
      running = null;
    };

    /** Starts or stops the overlay to match the settings, and applies the appearance. */
    const sync = flow('sync', async (): Promise<void> => {
      const [settings, appearance] = await across(Promise.all([request({ type: 'getPageSettings' }), request({ type: 'getAppearance' })]));
      if (ctx.isInvalid) return;
      if (settings.enabled && !running) {
        // Only now: on a site that is off the page must see nothing change.
        clearPredecessor({ doc: document });
        const controller = new AbortController();
        // When the extension is reloaded or updated, this script is orphaned:
        // ctx.signal aborts, and the overlay leaves the page as it was for the
        // new script to take over.
        const signal = AbortSignal.any([controller.signal, ctx.signal]);
        running = {
          controller,
          overlay: startOverlay({
            doc: document,
            request,
            ignore,
            signal,
          }),
        };
      } else if (!settings.enabled && running) {
        stopOverlay();
      }
      running?.overlay.setAppearance(appearance);
    });

    function answer(message: TabRequest): PageInfo | boolean | string {
      const overlay = running?.overlay;
      if (message.type === 'revealEntity') return overlay?.reveal(message.key) ?? false;
      if (message.type === 'getSite') return location.host;
      const counts = overlay?.entityCounts() ?? new Map<string, number>();
      return { host: location.host, active: overlay !== undefined, entities: [...counts].map(([key, count]) => ({ key, count })) };
    }

    browser.runtime.onMessage.addListener(timed('message', (message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void) => {
      if (ctx.isInvalid) return;
      const broadcast = parseBroadcast(message);
      if (broadcast) {
        if (broadcast.type === 'datasetsChanged') stopOverlay();
        void sync().catch(() => {});
        return;
      }
      // The popup and the keyboard command ask the top frame about the page.
      const asked = parseTabRequest(message);
      if (!asked || window !== window.top) return;
      sendResponse(answer(asked));
    }));
    await sync().catch(() => {});
  },
});
