import { browser } from 'wxt/browser';
import { startOverlay, type Overlay } from '../../overlay/overlay';
import '../../overlay/highlight.css';
import { mountCardInShadow } from '../../overlay/shadow-mount';
import { request } from '../../utils/messaging';

/**
 * The same overlay as on web pages: every dataset mention in the article,
 * highlighted, with hover cards, until `signal` aborts.
 */
export function startViewerOverlay({ signal }: { signal: AbortSignal }): Overlay {
  const ignore = new Set<Element>();
  const overlay = startOverlay({
    doc: document,
    request,
    signal,
    ignore,
    mountCard: async () => {
      const mount = await mountCardInShadow({ doc: document });
      ignore.add(mount.host);
      return mount;
    },
    extensionUrl: (path) => browser.runtime.getURL(path as '/'),
  });
  request({ type: 'getAppearance' }).then((appearance) => overlay.setAppearance(appearance), () => {});
  return overlay;
}
