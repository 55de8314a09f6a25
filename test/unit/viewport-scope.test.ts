// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blocksUnder } from '../../overlay/extract';
import type { WatchNear } from '../../overlay/near-watch';
import { PageMentions, type Mention } from '../../overlay/page-mentions';
import { createViewportScope, whenReportsPause } from '../../overlay/viewport-scope';
import type { TextMatch } from '../../src/messages/protocol';
import './support/static-range';

const NAMES = ['Jack Ma', 'Lin Wei'];

/** Mentions of NAMES in each paragraph, as a scan would make them. */
function pageOf(paragraphs: string[]): { mentions: PageMentions; added: Mention[]; elements: Element[] } {
  document.body.innerHTML = paragraphs.map((p) => `<p>${p}</p>`).join('');
  const blocks = [...blocksUnder(document.body)];
  const matches = (text: string): TextMatch[] =>
    NAMES.filter((n) => text.includes(n)).map((n) => ({ start: text.indexOf(n), end: text.indexOf(n) + n.length, entities: [`bundled/${n}`], contextual: [false] }));
  const mentions = new PageMentions();
  const { added } = mentions.update(blocks.map((block) => ({ block, matches: matches(block.text) })));
  return { mentions, added, elements: [...document.body.children] };
}

/**
 * An observer the test drives: which elements are watched, a way to move them
 * near or away (its reports), and which ones measure as near before any report.
 */
function fakeWatch(measuredNear: Element[] = []) {
  const watched = new Set<Element>();
  let report: Parameters<WatchNear>[0] = () => {};
  const watch: WatchNear = (onChange) => {
    report = onChange;
    return { observe: (el) => watched.add(el), unobserve: (el) => watched.delete(el), nearNow: (el) => measuredNear.includes(el) };
  };
  return { watch, watched, move: (changes: { target: Element; near: boolean }[]) => report(changes) };
}

/** What reached the painter: the text of every mention drawn now. */
function recorder() {
  const drawn = new Set<Mention>();
  return {
    drawn,
    texts: () => [...drawn].map((m) => m.block.text.slice(m.start, m.end)).sort(),
    paint: { add: (l: Mention[]) => l.forEach((m) => drawn.add(m)), remove: (l: Mention[]) => l.forEach((m) => drawn.delete(m)) },
  };
}

describe('viewport-scoped marks', () => {
  let page: ReturnType<typeof pageOf>;
  let watch: ReturnType<typeof fakeWatch>;
  let painted: ReturnType<typeof recorder>;
  let scope: ReturnType<typeof createViewportScope>;
  beforeEach(() => {
    page = pageOf(['Jack Ma spoke.', 'No names here.', 'Lin Wei answered.', 'Jack Ma and Lin Wei left.']);
    watch = fakeWatch();
    painted = recorder();
    scope = createViewportScope({ paint: painted.paint, watch: watch.watch });
    scope.add(page.added);
  });

  it('draws nothing until a block is near, and watches only blocks that hold mentions', () => {
    expect(painted.drawn.size).toBe(0);
    const [first, empty, third, fourth] = page.elements;
    expect([...watch.watched]).toEqual([first, third, fourth]);
    expect(watch.watched.has(empty!)).toBe(false);
  });

  it('draws the mentions of blocks that come near and takes them away as they leave', () => {
    const [first, , third, fourth] = page.elements;
    watch.move([{ target: first!, near: true }]);
    expect(painted.texts()).toEqual(['Jack Ma']);
    watch.move([
      { target: first!, near: false },
      { target: third!, near: true },
      { target: fourth!, near: true },
    ]);
    expect(painted.texts()).toEqual(['Jack Ma', 'Lin Wei', 'Lin Wei']);
    expect([...painted.drawn].every((m) => m.block.container !== first)).toBe(true);
  });

  it('keeps every mention for hit-testing and counts, drawn or not', () => {
    watch.move([{ target: page.elements[0]!, near: true }]);
    expect([...page.mentions.all()]).toHaveLength(page.added.length);
    expect(painted.drawn.size).toBeLessThan(page.added.length);
  });

  it('draws a mention added to a block already near at once, and removes one that goes', () => {
    const [first] = page.elements;
    watch.move([{ target: first!, near: true }]);
    const [drawnOne] = [...painted.drawn];
    scope.remove([drawnOne!]);
    expect(painted.drawn.size).toBe(0);
    // The block held nothing else: it is no longer watched.
    expect(watch.watched.has(first!)).toBe(false);
    scope.add([drawnOne!]);
    expect(watch.watched.has(first!)).toBe(true);
    // Watched anew, it waits for the observer's first report like any new block.
    watch.move([{ target: first!, near: true }]);
    expect(painted.texts()).toEqual(['Jack Ma']);
  });

  it('draws the blocks measured near before the observer reports, as in a tab that renders no frame', () => {
    const [first, , third] = page.elements;
    const own = fakeWatch([first!, third!]);
    const drawn = recorder();
    createViewportScope({ paint: drawn.paint, watch: own.watch }).add(page.added);
    expect(drawn.texts()).toEqual(['Jack Ma', 'Lin Wei']);
    // The observer's report wins: the measure does not clip to inner scrollers.
    own.move([{ target: third!, near: false }]);
    expect(drawn.texts()).toEqual(['Jack Ma']);
  });

  it('does not draw a mention twice when told twice that its block is near', () => {
    const added: Mention[] = [];
    const own = fakeWatch();
    createViewportScope({ paint: { add: (l) => added.push(...l), remove: () => {} }, watch: own.watch }).add(page.added);
    own.move([{ target: page.elements[0]!, near: true }]);
    own.move([{ target: page.elements[0]!, near: true }]);
    expect(added).toHaveLength(1);
  });
});

describe('applying reports once they pause', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies a report at once when the reader is not scrolling, as when the page first loads', () => {
    const page = pageOf(['Jack Ma spoke.']);
    const watch = fakeWatch();
    const painted = recorder();
    createViewportScope({ paint: painted.paint, watch: watch.watch, settle: whenReportsPause(window, new AbortController().signal) }).add(page.added);
    vi.advanceTimersByTime(1000);
    watch.move([{ target: page.elements[0]!, near: true }]);
    expect(painted.texts()).toEqual(['Jack Ma']);
  });

  it('draws the first report of a run at once, and what the rest of the scroll brought near only when its reports pause, once', () => {
    const page = pageOf(['Jack Ma spoke.', 'Lin Wei answered.', 'Jack Ma again.']);
    const watch = fakeWatch();
    const painted = recorder();
    const adds: number[] = [];
    const paint = { add: (l: Mention[]) => (adds.push(l.length), painted.paint.add(l)), remove: painted.paint.remove };
    const [first, second, third] = page.elements;
    createViewportScope({ paint, watch: watch.watch, settle: whenReportsPause(window, new AbortController().signal) }).add(page.added);
    vi.advanceTimersByTime(1000);
    watch.move([{ target: first!, near: true }]);
    expect(adds).toEqual([1]);
    vi.advanceTimersByTime(50);
    watch.move([{ target: second!, near: true }]);
    vi.advanceTimersByTime(50);
    watch.move([{ target: third!, near: true }]);
    vi.advanceTimersByTime(50);
    expect(painted.texts()).toEqual(['Jack Ma']);
    vi.advanceTimersByTime(100);
    expect(painted.texts()).toEqual(['Jack Ma', 'Jack Ma', 'Lin Wei']);
    expect(adds).toEqual([1, 2]);
  });

  it('applies every report at once in a hidden page, whose timers the browser may hold back', () => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      const settle = whenReportsPause(window, new AbortController().signal);
      let flushes = 0;
      for (let i = 0; i < 5; i++) {
        settle(() => flushes++);
        vi.advanceTimersByTime(10);
      }
      expect(flushes).toBe(5);
    } finally {
      delete (document as { visibilityState?: string }).visibilityState;
    }
  });

  it('listens to no scroll: a page scrolling runs none of it', () => {
    const add = vi.spyOn(window, 'addEventListener');
    const addToDocument = vi.spyOn(document, 'addEventListener');
    whenReportsPause(window, new AbortController().signal)(() => {});
    expect([...add.mock.calls, ...addToDocument.mock.calls].map(([type]) => type)).not.toContain('scroll');
    add.mockRestore();
    addToDocument.mockRestore();
  });

  it('still applies them during a scroll that never pauses, and never after its signal aborts', () => {
    const controller = new AbortController();
    const settle = whenReportsPause(window, controller.signal);
    let flushes = 0;
    for (let t = 0; t < 1200; t += 50) {
      settle(() => flushes++);
      vi.advanceTimersByTime(50);
    }
    expect(flushes).toBeGreaterThanOrEqual(2);
    expect(flushes).toBeLessThan(1200 / 50);
    settle(() => flushes++);
    controller.abort();
    const before = flushes;
    vi.advanceTimersByTime(1000);
    expect(flushes).toBe(before);
  });
});
