import { timed } from './user-timing';

/**
 * Tells which elements are near the viewport. The default is an
 * IntersectionObserver: a page cannot see who observes its elements, and the
 * browser clips to every scroll container around a target, so an inner
 * scroller brings its blocks in as the window does.
 */
interface NearWatch {
  observe(el: Element): void;
  unobserve(el: Element): void;
  /**
   * Whether an element is near the viewport now, measured rather than
   * reported, where no report is coming. The observer reports only when the
   * browser renders a frame, and a tab in the background (hidden, or opened
   * and never shown) renders none: without this, such a tab would register
   * nothing until shown.
   */
  nearNow(el: Element): boolean;
}
type NearReport = (changes: { target: Element; near: boolean }[]) => void;
export type WatchNear = (onChange: NearReport) => NearWatch;

/** Where an element lies in the document (its border box's top and bottom, window scroll included), in px. */
export interface Place {
  top: number;
  bottom: number;
}
/** The window's viewport: its scroll offset and height, in px. */
export interface View {
  top: number;
  height: number;
}

/** Reports that also say where each element lay when the browser computed them. */
export type PlacedReport = (changes: { target: Element; near: boolean; place: Place | null }[]) => void;

/** A NearWatch that can also say where an element lies now, as a sweep measures it (near-window.ts). */
export interface MeasuringWatch extends NearWatch {
  /** Where the element lies now; null if it is not laid out. */
  place(el: Element): Place | null;
  view(): View;
}

/** How far beyond the viewport a block counts as near: a screen above and below, so scrolling rarely outruns the paint. */
const NEAR_MARGIN = '100% 0px';

/**
 * How far below the viewport, in screens, a block may be called near and
 * drawn: NEAR_MARGIN's one screen, widened in Chromium by its scrollMargin on
 * the document's own scroller (measured: blocks up to about four screens
 * below are drawn).
 */
export const DRAWN_SCREENS = 4;

/** A box from `getBoundingClientRect` as a place, the window scrolled by `scrollTop`; null if it is not laid out. */
export function placeOfBox(r: DOMRectReadOnly, scrollTop: number): Place | null {
  return r.width === 0 && r.height === 0 ? null : { top: r.top + scrollTop, bottom: r.bottom + scrollTop };
}

/** How far a place lies from the view: 0 if they overlap, negative above, positive below. */
export function offsetFrom(place: Place, view: View): number {
  if (place.bottom < view.top) return place.bottom - view.top;
  const viewBottom = view.top + view.height;
  return place.top > viewBottom ? place.top - viewBottom : 0;
}

/**
 * The window's rect grown by NEAR_MARGIN. Inner scroll containers are not
 * clipped here, so this may call a block near that the observer will not: its
 * first report, when a frame is rendered, corrects that.
 */
function nearWindow(win: Window, el: Element): boolean {
  const r = el.getBoundingClientRect();
  const place = placeOfBox(r, 0);
  const h = win.innerHeight;
  return place !== null && Math.abs(offsetFrom(place, { top: 0, height: h })) <= h && r.right >= 0 && r.left <= win.innerWidth;
}

export function intersectionWatch(win: Window & typeof globalThis, signal: AbortSignal): (onChange: PlacedReport) => MeasuringWatch {
  return (onChange) => {
    // Read once per run of script: nothing scrolls the window within it, and reading it per element cost as much as measuring.
    let cached: View | null = null;
    const view = (): View => {
      if (!cached) {
        cached = { top: win.scrollY, height: win.innerHeight };
        queueMicrotask(() => (cached = null));
      }
      return cached;
    };
    const placeOf = (r: DOMRectReadOnly): Place | null => placeOfBox(r, view().top);
    const report = (entries: IntersectionObserverEntry[]) => onChange(entries.map((e) => ({ target: e.target, near: e.isIntersecting, place: placeOf(e.boundingClientRect) })));
    const observer = new win.IntersectionObserver(timed('viewport', report), {
      rootMargin: NEAR_MARGIN,
      // Chromium 120+: the same margin inside inner scroll containers; others ignore it and show a block once it scrolls into view.
      scrollMargin: NEAR_MARGIN,
    } as IntersectionObserverInit);
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
    return {
      observe: (el) => observer.observe(el),
      unobserve: (el) => observer.unobserve(el),
      // A shown page gets its report with the next frame; measuring there too would only force layouts.
      nearNow: (el) => win.document.visibilityState === 'hidden' && nearWindow(win, el),
      place: (el) => placeOf(el.getBoundingClientRect()),
      view,
    };
  };
}
