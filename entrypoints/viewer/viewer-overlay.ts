import { startOverlay, type Overlay } from '../../overlay/overlay';
import '../../overlay/highlight.css';
import { request } from '../../utils/messaging';

/**
 * The same overlay as on web pages: every dataset mention in the article,
 * highlighted, with hover cards, until `signal` aborts.
 */
export function startViewerOverlay({ signal }: { signal: AbortSignal }): Overlay {
  const overlay = startOverlay({ doc: document, request, signal, ignore: new Set() });
  request({ type: 'getAppearance' }).then((appearance) => overlay.setAppearance(appearance), () => {});
  return overlay;
}
