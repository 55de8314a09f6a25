import { clipBox, paddingBox, type Box } from '../src/layout/clip';
import type { Appearance } from '../src/messages/appearance';
import { liveRange } from './hit-test';
import marksCss from './private-marks.css?inline';
import { timed } from './user-timing';

/**
 * Marks for mentions of private datasets. A page can read CSS.highlights, so
 * these are painted instead as boxes inside Factlens's closed shadow root
 * (`container`), where no page script, selector or observer reaches: only
 * for mentions on screen, clipped to the viewport and to every scroll
 * container around them, and painted again, in a task of their own, after
 * scrolling (inner containers too), resizing, reflow or a rescan.
 *
 * The boxes take no pointer events; hit-testing goes through the page
 * mentions' own index (hit-test.ts), so a private mention opens its card
 * like any other.
 */
export interface PrivateMarks {
  add(ranges: Iterable<StaticRange>): void;
  remove(ranges: Iterable<StaticRange>): void;
  setStyle(style: Appearance['highlightStyle']): void;
}

const OVERFLOW_VISIBLE = 'visible';

/** The element a node is laid out in, through shadow roots. */
function parentOf(node: Node): Element | null {
  if (node.parentElement) return node.parentElement;
  const parent = node.parentNode;
  return parent && parent.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? (parent as ShadowRoot).host : null;
}

export function createPrivateMarks({
  container,
  win,
  signal,
}: {
  container: HTMLElement;
  win: Window & typeof globalThis;
  signal: AbortSignal;
}): PrivateMarks {
  const doc = win.document;
  const ranges = new Set<StaticRange>();
  let styleClass = 'style-both';
  let layer: HTMLElement | null = null;
  let style: HTMLStyleElement | null = null;
  let boxes: HTMLElement[] = [];
  /** The paint to come: at most one is waiting. */
  let pending = 0;
  /**
   * Each range's vertical extent in document coordinates, from when the
   * layout last changed. Scrolling the document does not change it, so a
   * paint after scrolling measures only the ranges near the viewport: on a
   * page of 19,000 private mentions, measuring every one took 0.6 s a frame.
   */
  const extents = new Map<StaticRange, { top: number; bottom: number }>();

  /** Our style and box layer inside the container, made on first use. */
  function ensureLayer(): HTMLElement {
    if (layer?.isConnected) return layer;
    style = doc.createElement('style');
    style.textContent = marksCss;
    layer = doc.createElement('div');
    boxes = [];
    container.append(style, layer);
    return layer;
  }

  /**
   * Clips of one element: each ancestor whose overflow clips. A fixed
   * element's box is placed against the viewport, so what is around it in
   * the tree clips it no more. Cached per paint: styles do not change
   * within one frame.
   */
  function clipsOf(el: Element, cache: Map<Element, Box[] | null>): Box[] | null {
    const known = cache.get(el);
    if (known !== undefined) return known;
    const computed = win.getComputedStyle(el);
    let clips: Box[] | null;
    if (computed.opacity === '0') {
      // Text that is not drawn gets no mark, as a highlight would draw none.
      clips = null;
    } else {
      const parent = el === doc.documentElement || computed.position === 'fixed' ? null : parentOf(el);
      const outer = parent ? clipsOf(parent, cache) : [];
      if (outer === null) clips = null;
      else if (el !== doc.documentElement && el !== doc.body && (computed.overflowX !== OVERFLOW_VISIBLE || computed.overflowY !== OVERFLOW_VISIBLE)) {
        clips = [...outer, paddingBox(el.getBoundingClientRect(), el)];
      } else {
        clips = outer;
      }
    }
    cache.set(el, clips);
    return clips;
  }

  function paint(): void {
    pending = 0;
    if (signal.aborted) return;
    const viewport: Box = { left: 0, top: 0, right: win.innerWidth, bottom: win.innerHeight };
    const cache = new Map<Element, Box[] | null>();
    const wanted: { box: Box; cls: string }[] = [];
    const place = (range: StaticRange, cls: string) => {
      const parent = parentOf(range.startContainer);
      if (!parent || !range.startContainer.isConnected) return;
      const live = liveRange(doc, range);
      // One cheap test first: most mentions of a long page are off screen.
      if (!clipBox(live.getBoundingClientRect(), [viewport])) return;
      // Visibility is inherited and a child may turn it back on, so only the text's own element counts.
      const clips = win.getComputedStyle(parent).visibility === 'visible' ? clipsOf(parent, cache) : null;
      if (!clips) return;
      for (const rect of live.getClientRects()) {
        const box = clipBox(rect, [viewport, ...clips]);
        if (box) wanted.push({ box, cls });
      }
    };
    const scrollY = win.scrollY;
    // A range that moved since it was measured is still found within a screen of where it was.
    const near = { top: scrollY - win.innerHeight, bottom: scrollY + 2 * win.innerHeight };
    for (const range of ranges) {
      let extent = extents.get(range);
      if (!extent) {
        const b = liveRange(doc, range).getBoundingClientRect();
        extent = { top: b.top + scrollY, bottom: b.bottom + scrollY };
        extents.set(range, extent);
      }
      if (extent.bottom >= near.top && extent.top <= near.bottom) place(range, styleClass);
    }
    if (wanted.length === 0 && !layer) {
      if (ranges.size === 0) watch(false);
      return;
    }
    const into = ensureLayer();
    // Boxes are reused from paint to paint: scrolling moves them rather than making new ones.
    while (boxes.length < wanted.length) {
      const box = doc.createElement('div');
      into.append(box);
      boxes.push(box);
    }
    for (const extra of boxes.splice(wanted.length)) extra.remove();
    wanted.forEach(({ box, cls }, i) => {
      const el = boxes[i]!;
      el.className = `mark ${cls}`;
      el.style.left = `${box.left}px`;
      el.style.top = `${box.top}px`;
      el.style.width = `${box.right - box.left}px`;
      el.style.height = `${box.bottom - box.top}px`;
    });
    if (ranges.size === 0) watch(false);
  }

  const relayout = timed('private-marks', () => {
    extents.clear();
    schedule();
  });
  // An inner scroll container moves its text within the document; scrolling the document does not.
  const onScroll = timed('scroll', (e: Event) => (e.target === doc || e.target === doc.documentElement ? schedule() : relayout()));
  /**
   * Listeners and the observer are there only while a mark is: with none,
   * Factlens runs nothing in the page's own frames (a ResizeObserver
   * callback ran inside every frame of a loading page, its rendering
   * included).
   */
  let watching: { stop: AbortController; resized: ResizeObserver } | null = null;
  function watch(on: boolean): void {
    if (on === (watching !== null) || (on && signal.aborted)) return;
    if (!on) {
      watching!.stop.abort();
      watching!.resized.disconnect();
      watching = null;
      return;
    }
    const stop = new AbortController();
    const until = AbortSignal.any([signal, stop.signal]);
    win.addEventListener('scroll', onScroll, { capture: true, passive: true, signal: until });
    win.addEventListener('resize', relayout, { passive: true, signal: until });
    // Reflow that no scroll or rescan announces: images loading, fonts, a resized column.
    const resized = new ResizeObserver(relayout);
    resized.observe(doc.documentElement);
    if (doc.body) resized.observe(doc.body);
    watching = { stop, resized };
  }

  function schedule(): void {
    if (pending || signal.aborted) return;
    if (ranges.size === 0 && boxes.length === 0) {
      watch(false);
      return;
    }
    watch(true);
    // A task, not an animation frame: a frame callback runs inside the page's
    // rendering task, so on a long page that task's style, layout and
    // pre-paint (25–48 ms on the 5 MB page) waited for ours and counted as
    // Factlens's. Between frames, the next one draws the boxes.
    pending = win.setTimeout(timed('private-marks', paint), 0);
  }

  signal.addEventListener(
    'abort',
    () => {
      if (pending) win.clearTimeout(pending);
      watch(false);
      ranges.clear();
      extents.clear();
      style?.remove();
      layer?.remove();
      layer = null;
      boxes = [];
    },
    { once: true },
  );

  return {
    add(added) {
      for (const r of added) ranges.add(r);
      schedule();
    },
    remove(removed) {
      for (const r of removed) {
        ranges.delete(r);
        extents.delete(r);
      }
      schedule();
    },
    setStyle(style) {
      styleClass = `style-${style}`;
      schedule();
    },
  };
}
