import { browser } from 'wxt/browser';
import { startOverlay, type Overlay } from '../../overlay/overlay';
import '../../overlay/highlight.css';
import { broadcastSchema } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';

/**
 * The same overlay as on web pages: every dataset mention in the article,
 * highlighted, with hover cards, until `signal` aborts. It follows the
 * appearance settings as they change, as web pages do.
 */
export function startViewerOverlay({ signal }: { signal: AbortSignal }): Overlay {
  const overlay = startOverlay({ doc: document, request, signal, ignore: new Set() });
  const applyAppearance = () => void request({ type: 'getAppearance' }).then((appearance) => !signal.aborted && overlay.setAppearance(appearance), () => {});
  const listener = (message: unknown): undefined => {
    if (broadcastSchema.safeParse(message).data?.type === 'settingsChanged') applyAppearance();
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
  applyAppearance();
  return overlay;
}
