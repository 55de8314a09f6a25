import { layoutElementOf } from './extract';
import type { WatchNear } from './near-watch';
import type { Mention } from './page-mentions';
import type { MentionPaint } from './scan-pipeline';
import { timed } from './user-timing';

/** Reports arriving this soon after one another are one scroll, applied once they pause. */
const PAUSE_MS = 100;
/** ...but a scroll that does not pause still gets its marks this often. */
const MAX_DEFER_MS = 500;

/**
 * Applies the observer's reports at once, unless they come in a run, as
 * they do while the reader scrolls: then once they pause. Every change to
 * the highlight registry makes Chromium validate every highlight marker
 * again and recompute visual overflow (HighlightRegistry::ScheduleRepaint),
 * in proportion to the page; deferred, it is one such update per pause, and
 * the band of observed blocks (near-window.ts) is redrawn once too. The reports
 * themselves tell a scroll, not a scroll listener, which would run inside
 * every frame the page scrolls; the observer's reports come in tasks of
 * their own. A hidden page is never deferred: it paints no frame, nobody
 * scrolls it, and the browser may hold its timers back for a minute.
 */
export function whenReportsPause(win: Window, signal: AbortSignal): (flush: () => void) => void {
  let timer = 0;
  let first = 0;
  let lastReport = -Infinity;
  signal.addEventListener('abort', () => win.clearTimeout(timer), { once: true });
  return (flush) => {
    const now = performance.now();
    const inRun = now - lastReport <= PAUSE_MS;
    lastReport = now;
    if (timer) win.clearTimeout(timer);
    else first = now;
    timer = 0;
    if (!inRun || win.document.visibilityState === 'hidden') {
      flush();
      return;
    }
    const wait = Math.max(0, Math.min(PAUSE_MS, first + MAX_DEFER_MS - now));
    timer = win.setTimeout(
      timed('viewport', () => {
        timer = 0;
        if (!signal.aborted) flush();
      }),
      wait,
    );
  };
}

/**
 * Paints only the mentions of blocks near the viewport, and adds or removes
 * them as blocks come near or go: on a page of 19,000 mentions, registering
 * every one made the browser paint all of them on every frame. The mentions
 * themselves (PageMentions) stay complete, so hit-testing, counts and
 * next/previous see every one; only what is drawn is scoped. A block is drawn
 * as soon as it is measured near, so a tab in the background, which gets no
 * observer reports until shown, has its screen marked all the same. The
 * observer's reports are applied when `settle` runs its flush (at once by
 * default; `whenReportsPause` in a page).
 */
export function createViewportScope({
  paint,
  watch,
  settle = (flush) => flush(),
}: {
  paint: MentionPaint;
  watch: WatchNear;
  settle?: (flush: () => void) => void;
}): MentionPaint {
  const byTarget = new Map<Element, Set<Mention>>();
  const targetOf = new Map<Mention, Element>();
  /** Near as last reported or measured. */
  const near = new Set<Element>();
  /** Blocks whose mentions are painted: `near` as of the last flush, and new blocks measured near. */
  const drawn = new Set<Element>();
  /** Blocks reported since the last flush. */
  const pending = new Set<Element>();
  function flush(): void {
    const shown: Mention[] = [];
    const hidden: Mention[] = [];
    for (const target of pending) {
      const held = byTarget.get(target);
      if (!held || near.has(target) === drawn.has(target)) continue;
      if (near.has(target)) drawn.add(target);
      else drawn.delete(target);
      (near.has(target) ? shown : hidden).push(...held);
    }
    pending.clear();
    if (hidden.length > 0) paint.remove(hidden);
    if (shown.length > 0) paint.add(shown);
  }
  const observer = watch((changes) => {
    for (const { target, near: isNear } of changes) {
      if (!byTarget.has(target)) continue;
      if (isNear) near.add(target);
      else near.delete(target);
      pending.add(target);
    }
    if (pending.size > 0) settle(flush);
  });

  return {
    add(list) {
      const shown: Mention[] = [];
      for (const m of list) {
        const target = layoutElementOf(m.block);
        // Nothing to observe (a detached block): drawn as before, never withheld.
        if (!target) {
          shown.push(m);
          continue;
        }
        targetOf.set(m, target);
        let held = byTarget.get(target);
        if (!held) {
          held = new Set();
          byTarget.set(target, held);
          observer.observe(target);
          // Drawn now if near now; the observer's first report confirms or corrects it.
          if (observer.nearNow(target)) {
            near.add(target);
            drawn.add(target);
          }
        }
        held.add(m);
        if (drawn.has(target)) shown.push(m);
      }
      if (shown.length > 0) paint.add(shown);
    },
    remove(list) {
      const hidden: Mention[] = [];
      for (const m of list) {
        const target = targetOf.get(m);
        if (!target) {
          hidden.push(m);
          continue;
        }
        targetOf.delete(m);
        const held = byTarget.get(target);
        held?.delete(m);
        if (drawn.has(target)) hidden.push(m);
        if (held?.size === 0) {
          byTarget.delete(target);
          near.delete(target);
          drawn.delete(target);
          pending.delete(target);
          observer.unobserve(target);
        }
      }
      if (hidden.length > 0) paint.remove(hidden);
    },
  };
}
