import { DRAWN_SCREENS, offsetFrom, type MeasuringWatch, type Place, type PlacedReport, type View, type WatchNear } from './near-watch';
import { SLICE_MS, yieldToMain } from './yield-to-main';

/** How far, in screens, the observed band reaches beyond the viewport: a screen past anything the observer may call near. */
const BAND_SCREENS = DRAWN_SCREENS + 1;

/** Elements measured between slice checks: reading the clock per element would cost as much as measuring. */
const CHECK_EVERY = 256;

/**
 * Observes only the elements in a band around the viewport, plus the nearest
 * one beyond it above and below, and any not laid out. An IntersectionObserver
 * computes every target it holds on every frame that scrolls or lays out: on
 * the 5 MB page, 14,000 blocks cost 6–7 ms a frame, most of what Factlens
 * added to scrolling it (bench/RESULTS.md). The band is what can come near;
 * the two beyond it make a stretch of page with no mentions report as the
 * reader nears its end. Where each element lies in the document is kept as
 * last measured. A report that comes after the window scrolled redraws the
 * band from those places once the reports pause (`settle`), measuring only
 * the elements they put near it; a report from an element no longer where it
 * was (the page laid out again, or an inner scroller scrolled) measures every
 * element again, in slices. Measuring 14,000 blocks costs 25–35 ms, so a
 * scroll of the window measures only the band. An element dropped from the
 * band is reported not near, which it is: it lies beyond anything the
 * observer calls near.
 */
export function windowedWatch(
  measuring: (onChange: PlacedReport) => MeasuringWatch,
  {
    settle = (sweep) => sweep(),
    signal,
    pause = yieldToMain,
  }: { settle?: (sweep: () => void) => void; signal: AbortSignal; pause?: () => Promise<void> },
): WatchNear {
  return (onChange) => {
    /** Every element the scope asked to watch, and where it lay when last measured. */
    const wanted = new Map<Element, Place | null>();
    const observed = new Set<Element>();
    let above: Element | null = null;
    let below: Element | null = null;
    /** The window's scroll offset the band was drawn for. */
    let drawnFor = 0;
    /** Whether some element has moved in the document since it was measured, so every one must be measured again. */
    let shifted = false;
    let sweeping = false;
    let again = false;

    const inner = measuring((changes) => {
      const passed = changes.filter(({ target }) => observed.has(target));
      if (passed.length === 0) return;
      onChange(passed.map(({ target, near }) => ({ target, near })));
      for (const { target, place } of passed) if (moved(wanted.get(target), place)) shifted = true;
      if (shifted || inner.view().top !== drawnFor) settle(() => void sweep());
    });

    function start(el: Element): void {
      if (observed.has(el)) return;
      observed.add(el);
      inner.observe(el);
    }
    function stop(el: Element): void {
      if (observed.delete(el)) inner.unobserve(el);
    }
    const inBand = (place: Place | null, view: View) => place === null || Math.abs(offsetFrom(place, view)) <= BAND_SCREENS * view.height;

    /** Places one element measured outside the band: the nearest above or below it is observed. */
    function edge(el: Element, place: Place, view: View): void {
      const offset = offsetFrom(place, view);
      const side = offset < 0 ? above : below;
      const sidePlace = side && wanted.get(side);
      if (sidePlace && Math.abs(offsetFrom(sidePlace, view)) <= Math.abs(offset)) return;
      if (side) {
        stop(side);
        onChange([{ target: side, near: false }]);
      }
      if (offset < 0) above = el;
      else below = el;
      start(el);
    }

    /** Measures every element again, in slices. */
    async function measureAll(): Promise<void> {
      let sliceStart = performance.now();
      let n = 0;
      for (const el of [...wanted.keys()]) {
        if (signal.aborted) return;
        if (wanted.has(el)) wanted.set(el, inner.place(el));
        if (++n % CHECK_EVERY === 0 && performance.now() - sliceStart > SLICE_MS) {
          await pause();
          sliceStart = performance.now();
        }
      }
    }

    /** The band and the nearest element beyond it on each side, from the places as measured. */
    function bandOf(view: View): { inside: Element[]; nextAbove: Element | null; nextBelow: Element | null } {
      const inside: Element[] = [];
      let nextAbove: Element | null = null;
      let nextBelow: Element | null = null;
      let aboveOffset = -Infinity;
      let belowOffset = Infinity;
      for (const [el, place] of wanted) {
        if (inBand(place, view)) inside.push(el);
        else {
          const offset = offsetFrom(place!, view);
          if (offset < 0 && offset > aboveOffset) [nextAbove, aboveOffset] = [el, offset];
          if (offset > 0 && offset < belowOffset) [nextBelow, belowOffset] = [el, offset];
        }
      }
      return { inside, nextAbove, nextBelow };
    }

    async function sweep(): Promise<void> {
      if (sweeping) {
        again = true;
        return;
      }
      sweeping = true;
      try {
        do {
          again = false;
          if (shifted) {
            shifted = false;
            await measureAll();
            if (signal.aborted) return;
          }
          const view = inner.view();
          const band = bandOf(view);
          // Only these are measured on a scroll of the window; one found elsewhere than its place means the page moved.
          const checked = [...band.inside, ...[band.nextAbove, band.nextBelow].filter((el) => el !== null)];
          for (const el of checked) {
            const now = inner.place(el);
            if (moved(wanted.get(el), now)) shifted = true;
            wanted.set(el, now);
          }
          if (shifted) {
            again = true;
            continue;
          }
          drawnFor = view.top;
          above = band.nextAbove;
          below = band.nextBelow;
          const keep = new Set(checked);
          const dropped = [...observed].filter((el) => !keep.has(el));
          for (const el of dropped) stop(el);
          for (const el of keep) start(el);
          if (dropped.length > 0) onChange(dropped.map((target) => ({ target, near: false })));
        } while (again && !signal.aborted);
      } finally {
        sweeping = false;
      }
    }

    return {
      observe(el) {
        const place = inner.place(el);
        wanted.set(el, place);
        const view = inner.view();
        if (inBand(place, view)) start(el);
        else edge(el, place!, view);
      },
      unobserve(el) {
        wanted.delete(el);
        stop(el);
        if (above === el) above = null;
        if (below === el) below = null;
      },
      nearNow: (el) => inner.nearNow(el),
    };
  };
}

/** Whether an element is no longer where it was measured (a sub-pixel difference is rounding). */
function moved(was: Place | null | undefined, now: Place | null): boolean {
  if (!was || !now) return (was ?? null) !== now;
  return Math.abs(was.top - now.top) > 0.5 || Math.abs(was.bottom - now.bottom) > 0.5;
}
