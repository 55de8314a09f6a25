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
export type NearReport = (changes: { target: Element; near: boolean }[]) => void;
export type WatchNear = (onChange: NearReport) => NearWatch;

/** A NearWatch that can also say where an element lies now, as a sweep measures it (near-window.ts). */
export interface MeasuringWatch extends NearWatch {
  /**
   * The element's vertical distance from the viewport in px: 0 if it overlaps
   * it, negative above, positive below; null if it is not laid out.
   */
  offset(el: Element): number | null;
  /** The viewport's height in px. */
  screen(): number;
}

/** How far beyond the viewport a block counts as near: a screen above and below, so scrolling rarely outruns the paint. */
const NEAR_MARGIN = '100% 0px';

function offsetOf(r: DOMRect, h: number): number | null {
  if (r.width === 0 && r.height === 0) return null;
  if (r.bottom < 0) return r.bottom;
  return r.top > h ? r.top - h : 0;
}

/**
 * The window's rect grown by NEAR_MARGIN. Inner scroll containers are not
 * clipped here, so this may call a block near that the observer will not: its
 * first report, when a frame is rendered, corrects that.
 */
function nearWindow(win: Window, el: Element): boolean {
  const r = el.getBoundingClientRect();
  const offset = offsetOf(r, win.innerHeight);
  return offset !== null && Math.abs(offset) <= win.innerHeight && r.right >= 0 && r.left <= win.innerWidth;
}

export function intersectionWatch(win: Window & typeof globalThis, signal: AbortSignal): (onChange: NearReport) => MeasuringWatch {
  return (onChange) => {
    const observer = new win.IntersectionObserver(timed('viewport', (entries: IntersectionObserverEntry[]) => onChange(entries.map((e) => ({ target: e.target, near: e.isIntersecting })))), {
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
      offset: (el) => offsetOf(el.getBoundingClientRect(), win.innerHeight),
      screen: () => win.innerHeight,
    };
  };
}
