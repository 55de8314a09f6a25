import type { MeasuringWatch, NearReport, WatchNear } from './near-watch';
import { SLICE_MS, yieldToMain } from './yield-to-main';

/**
 * How far, in screens, the observed band reaches beyond the viewport. It must
 * hold every element the observer can call near: its margin is a screen, but
 * in Chromium its scrollMargin widens that on the document's own scroller, to
 * about four screens below the viewport.
 */
const BAND_SCREENS = 5;

/** Elements measured between slice checks: reading the clock per element would cost as much as measuring. */
const CHECK_EVERY = 256;

/**
 * Observes only the elements in a band around the viewport, plus the nearest
 * one beyond it above and below, and any not laid out. An IntersectionObserver
 * computes every target it holds on every frame that scrolls or lays out: on
 * the 5 MB page, 14,000 blocks cost 6–7 ms a frame, most of what Factlens
 * added to scrolling it (bench/RESULTS.md). The band is what can come near;
 * the two beyond it make a stretch of page with no mentions report as the
 * reader nears its end. A report means something moved, unless it is an
 * element's first and the element lies where it was measured: once such
 * reports pause (`settle`), every element is measured again, in slices, and
 * the band redrawn. An element dropped from the band is reported not near,
 * which it is: it lies beyond anything the observer calls near.
 */
export function windowedWatch(
  measuring: (onChange: NearReport) => MeasuringWatch,
  {
    settle = (sweep) => sweep(),
    signal,
    pause = yieldToMain,
  }: { settle?: (sweep: () => void) => void; signal: AbortSignal; pause?: () => Promise<void> },
): WatchNear {
  return (onChange) => {
    /** Every element the scope asked to watch. */
    const wanted = new Set<Element>();
    const observed = new Set<Element>();
    /**
     * Observed, its first report not in yet, and where it was measured when
     * observing began: that report is its state, and a move only if the
     * element is no longer where it was.
     */
    const fresh = new Map<Element, number | null>();
    let above: { el: Element; offset: number } | null = null;
    let below: { el: Element; offset: number } | null = null;
    let sweeping = false;
    let again = false;

    const inner = measuring((changes) => {
      let moved = false;
      const passed = changes.filter(({ target }) => {
        if (!observed.has(target)) return false;
        if (!fresh.has(target) || fresh.get(target) !== inner.offset(target)) moved = true;
        fresh.delete(target);
        return true;
      });
      if (passed.length > 0) onChange(passed);
      if (moved) settle(() => void sweep());
    });

    function start(el: Element, offset: number | null): void {
      if (observed.has(el)) return;
      observed.add(el);
      fresh.set(el, offset);
      inner.observe(el);
    }
    function stop(el: Element): void {
      if (!observed.delete(el)) return;
      fresh.delete(el);
      inner.unobserve(el);
    }
    const band = () => BAND_SCREENS * inner.screen();
    const inBand = (offset: number | null) => offset === null || Math.abs(offset) <= band();

    /** Places one element measured outside the band: the nearest above or below it is observed. */
    function edge(el: Element, offset: number): void {
      const side = offset < 0 ? above : below;
      if (side && Math.abs(side.offset) <= Math.abs(offset)) return;
      if (side) {
        stop(side.el);
        onChange([{ target: side.el, near: false }]);
      }
      if (offset < 0) above = { el, offset };
      else below = { el, offset };
      start(el, offset);
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
          const inside = new Map<Element, number | null>();
          let nextAbove: { el: Element; offset: number } | null = null;
          let nextBelow: { el: Element; offset: number } | null = null;
          let sliceStart = performance.now();
          let n = 0;
          for (const el of [...wanted]) {
            if (signal.aborted) return;
            if (!wanted.has(el)) continue;
            const offset = inner.offset(el);
            if (inBand(offset)) inside.set(el, offset);
            else if (offset! < 0 ? !nextAbove || offset! > nextAbove.offset : !nextBelow || offset! < nextBelow.offset) {
              if (offset! < 0) nextAbove = { el, offset: offset! };
              else nextBelow = { el, offset: offset! };
            }
            if (++n % CHECK_EVERY === 0 && performance.now() - sliceStart > SLICE_MS) {
              await pause();
              sliceStart = performance.now();
            }
          }
          if (signal.aborted) return;
          above = nextAbove && wanted.has(nextAbove.el) ? nextAbove : null;
          below = nextBelow && wanted.has(nextBelow.el) ? nextBelow : null;
          const keep = new Map(inside);
          if (above) keep.set(above.el, above.offset);
          if (below) keep.set(below.el, below.offset);
          const dropped = [...observed].filter((el) => !keep.has(el));
          for (const el of dropped) stop(el);
          for (const [el, offset] of keep) if (wanted.has(el)) start(el, offset);
          if (dropped.length > 0) onChange(dropped.map((target) => ({ target, near: false })));
        } while (again && !signal.aborted);
      } finally {
        sweeping = false;
      }
    }

    return {
      observe(el) {
        wanted.add(el);
        const offset = inner.offset(el);
        if (inBand(offset)) start(el, offset);
        else edge(el, offset!);
      },
      unobserve(el) {
        wanted.delete(el);
        stop(el);
        if (above?.el === el) above = null;
        if (below?.el === el) below = null;
      },
      nearNow: (el) => inner.nearNow(el),
    };
  };
}
