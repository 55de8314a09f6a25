import cardCss from '../components/card/card.css?inline';
import frameCss from './card-frame.css?inline';

/**
 * The one element Factlens adds to a page, and everything it shows there.
 * A built-in element, not a custom one, so that no page can define its name
 * first and take its shadow root through ElementInternals or break it from a
 * constructor. The root is closed and referenced only here, so page scripts
 * cannot read the card or the marks inside.
 */
export interface PageHost {
  /** The element in the page: the overlay never reads or hit-tests it. */
  element: HTMLElement;
  /** Where the card renders. */
  cardContainer: HTMLElement;
  /** An empty layer above the page that ignores the pointer, for marks that must not be in the page's DOM. */
  marks: HTMLElement;
  /** Puts the host back if the page removed it; nothing once the signal has aborted. */
  ensureMounted(): void;
}

/**
 * The host's own layout. Page rules may select the host itself; !important
 * in the shadow tree outranks even their !important. It takes no room, and
 * its layers neither shift the page nor catch the pointer.
 */
const HOST_CSS = `
:host { all: initial !important; }
.fl-marks { position: absolute; left: 0; top: 0; width: 0; height: 0; overflow: visible; pointer-events: none; z-index: 2147483646; }
`;

/**
 * Takes away a host that an earlier Factlens script left. Firefox tears the
 * old content script down on an extension reload without letting it clean
 * up, and gives content scripts openOrClosedShadowRoot to recognise its
 * host by. Chromium's orphaned script removes its own host.
 */
function removePredecessors(doc: Document): void {
  for (const el of [...doc.documentElement.children]) {
    const root = (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
    if (el.localName === 'div' && root?.querySelector('.fl-marks')) el.remove();
  }
}

/** Mounts the host at the end of <html> until `signal` aborts. */
export function mountPageHost({ doc, signal }: { doc: Document; signal: AbortSignal }): PageHost {
  if (!signal.aborted) removePredecessors(doc);
  const element = doc.createElement('div');
  const shadow = element.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = `${cardCss}\n${frameCss}\n${HOST_CSS}`;
  const marks = doc.createElement('div');
  marks.className = 'fl-marks';
  const cardContainer = doc.createElement('div');
  shadow.append(style, marks, cardContainer);

  const ensureMounted = () => {
    if (!signal.aborted && !element.isConnected) doc.documentElement.append(element);
  };
  ensureMounted();
  signal.addEventListener('abort', () => element.remove(), { once: true });
  return { element, cardContainer, marks, ensureMounted };
}
