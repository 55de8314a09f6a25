import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import cardCss from '../../components/card/card.css?inline';
import frameCss from '../../overlay/card-frame.css?inline';
import { ACTIVE_HIGHLIGHT, HIGHLIGHT_NAMES } from '../../overlay/highlight-layer';
import { startOverlay, type Overlay } from '../../overlay/overlay';
import { parseBroadcast, parseTabRequest } from '../../src/messages/page-messages';
import type { PageInfo, TabRequest } from '../../src/messages/protocol';
import { request as sendRequest } from '../../utils/messaging';
import '../../overlay/highlight.css';
import { clearPredecessor, quietWhenOrphaned } from './context-lost';

/** The one element Factlens adds to a page: the card's shadow host. */
const CARD_HOST = 'factlens-card';

/**
 * TEMPORARY, replaced at merge by the page host (overlay/page-host.ts) and
 * its `marks` element. A built-in element with a closed shadow root, added
 * whenever the overlay starts, whether or not the page has private
 * mentions, so its presence says nothing about the datasets. Taken out
 * when `signal` aborts.
 */
function mountMarksHost({ ignore, signal }: { ignore: Set<Element>; signal: AbortSignal }): () => HTMLElement {
  const host = document.createElement('div');
  const marks = document.createElement('div');
  host.attachShadow({ mode: 'closed' }).append(marks);
  host.style.cssText = 'all: initial !important; position: fixed !important; inset: 0 !important; pointer-events: none !important; z-index: 2147483647 !important;';
  document.documentElement.append(host);
  ignore.add(host);
  signal.addEventListener(
    'abort',
    () => {
      host.remove();
      ignore.delete(host);
    },
    { once: true },
  );
  return () => marks;
}

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  runAt: 'document_idle',
  // highlight.css goes in the manifest; the card's CSS is passed as text into
  // its shadow root, so nothing is fetched and nothing is web-accessible.
  cssInjectionMode: 'manifest',
  async main(ctx) {
    clearPredecessor({ doc: document, cardHost: CARD_HOST, highlightNames: [...Object.values(HIGHLIGHT_NAMES), ACTIVE_HIGHLIGHT] });
    const request = quietWhenOrphaned({ ctx, request: sendRequest });
    const ignore = new Set<Element>();
    /** The running overlay, and the controller whose abort takes it down. */
    let running: { overlay: Overlay; controller: AbortController } | null = null;
    const stopOverlay = () => {
      running?.controller.abort();
      running = null;
    };

    const mountCard = async () => {
      const ui = await createShadowRootUi(ctx, {
        name: CARD_HOST,
        position: 'inline',
        anchor: 'html',
        append: 'last',
        css: `${cardCss}\n${frameCss}`,
        onMount: (container) => container,
      });
      ui.mount();
      ignore.add(ui.shadowHost);
      return {
        container: ui.uiContainer,
        host: ui.shadowHost,
        remove: () => {
          ignore.delete(ui.shadowHost);
          ui.remove();
        },
      };
    };

    /** Starts or stops the overlay to match the settings, and applies the appearance. */
    async function sync(): Promise<void> {
      const [settings, appearance] = await Promise.all([
        request({ type: 'getSiteSettings', host: location.host }),
        request({ type: 'getAppearance' }),
      ]);
      if (ctx.isInvalid) return;
      if (settings.enabled && !running) {
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
            mountCard,
            ignore,
            extensionUrl: (path) => browser.runtime.getURL(path as '/'),
            signal,
            marks: mountMarksHost({ ignore, signal }),
          }),
        };
      } else if (!settings.enabled && running) {
        stopOverlay();
      }
      running?.overlay.setAppearance(appearance);
    }

    function answer(message: TabRequest): PageInfo | boolean {
      const overlay = running?.overlay;
      if (message.type === 'revealEntity') return overlay?.reveal(message.key) ?? false;
      const counts = overlay?.entityCounts() ?? new Map<string, number>();
      return { host: location.host, active: overlay !== undefined, entities: [...counts].map(([key, count]) => ({ key, count })) };
    }

    browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
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
    });
    await sync().catch(() => {});
  },
});
