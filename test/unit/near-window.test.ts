// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { MeasuringWatch, Place, PlacedReport, View } from '../../overlay/near-watch';
import { windowedWatch } from '../../overlay/near-window';

const SCREEN = 100;

/**
 * A measuring watch the test drives: where each element lies in the document
 * and where the window is scrolled, which elements the browser is asked to
 * observe, how many were measured, and its reports.
 */
function fakeMeasuring(places: Map<Element, Place | null>, view: View) {
  const observed = new Set<Element>();
  const measured = { count: 0 };
  let report: PlacedReport = () => {};
  const measuring = (onChange: PlacedReport): MeasuringWatch => {
    report = onChange;
    return {
      observe: (el) => observed.add(el),
      unobserve: (el) => observed.delete(el),
      nearNow: () => false,
      place: (el) => (measured.count++, places.get(el) ?? null),
      view: () => ({ ...view }),
    };
  };
  // A report carries each element's place as it is now, as the browser's does.
  const placed = (changes: { target: Element; near: boolean }[]) => report(changes.map((c) => ({ ...c, place: places.get(c.target) ?? null })));
  return { measuring, observed, measured, report: placed };
}

/** Elements 0..n-1, each half a screen tall, a screen apart; `at` scrolls the window to a screen, `shift` moves every element down. */
function column(n: number) {
  const els: Element[] = Array.from({ length: n }, () => document.createElement('p'));
  const places = new Map<Element, Place | null>();
  const lay = (by: number) => els.forEach((el, i) => places.set(el, { top: (i + by) * SCREEN, bottom: (i + by + 0.5) * SCREEN }));
  lay(0);
  const view = { top: 0, height: SCREEN };
  return { els, places, view, at: (screens: number) => void (view.top = screens * SCREEN), shift: (screens: number) => lay(screens) };
}

function setUp(n: number) {
  const page = column(n);
  const fake = fakeMeasuring(page.places, page.view);
  const reported: { target: Element; near: boolean }[] = [];
  let sweeps: (() => void)[] = [];
  const controller = new AbortController();
  const watch = windowedWatch(fake.measuring, { settle: (sweep) => sweeps.push(sweep), signal: controller.signal, pause: () => Promise.resolve() })((c) => reported.push(...c));
  for (const el of page.els) watch.observe(el);
  const indexes = () => [...fake.observed].map((el) => page.els.indexOf(el)).sort((a, b) => a - b);
  const runSweeps = async () => {
    const now = sweeps;
    sweeps = [];
    for (const s of now) s();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { ...page, ...fake, watch, reported, indexes, runSweeps, pending: () => sweeps.length, controller };
}

describe('windowed near watch', () => {
  it('observes only the elements near the viewport, the nearest beyond them on each side, and those not laid out', () => {
    const t = setUp(40);
    // The band reaches five screens beyond the viewport (elements 0..6), then 7 is the nearest below it.
    expect(t.indexes()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const hidden = document.createElement('p');
    t.places.set(hidden, null);
    t.watch.observe(hidden);
    expect(t.observed.has(hidden)).toBe(true);
  });

  it('redraws the band once the reader scrolls, and reports the elements it drops as not near', async () => {
    const t = setUp(40);
    t.report([{ target: t.els[0]!, near: true }]);
    // Nothing scrolled or moved: the band stands.
    expect(t.pending()).toBe(0);
    t.at(20);
    t.report([{ target: t.els[0]!, near: false }]);
    expect(t.pending()).toBe(1);
    await t.runSweeps();
    expect(t.indexes()).toEqual([14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27]);
    expect(t.reported.filter((r) => !r.near).map((r) => t.els.indexOf(r.target))).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('watches the nearest element beyond a stretch with none, so coming near it is reported', async () => {
    const t = setUp(40);
    t.at(20);
    t.report([{ target: t.els[0]!, near: false }]);
    await t.runSweeps();
    // A page region of no mentions: the viewport at 100 screens down, all 40 far above.
    t.at(100);
    t.report([{ target: t.els[20]!, near: false }]);
    await t.runSweeps();
    expect(t.indexes()).toEqual([39]);
  });

  it('stops watching an element the scope lets go, and sweeps no more once aborted', async () => {
    const t = setUp(40);
    t.watch.unobserve(t.els[3]!);
    expect(t.observed.has(t.els[3]!)).toBe(false);
    t.report([{ target: t.els[1]!, near: true }]);
    t.report([{ target: t.els[1]!, near: false }]);
    t.controller.abort();
    const before = t.indexes();
    t.at(20);
    await t.runSweeps();
    expect(t.indexes()).toEqual(before);
  });

  it('measures only the band again when the window scrolls', async () => {
    const t = setUp(40);
    t.measured.count = 0;
    t.at(20);
    t.report([{ target: t.els[0]!, near: false }]);
    await t.runSweeps();
    // The 12 in the band and the 2 beyond it; the report said where its element was.
    expect(t.measured.count).toBe(14);
    expect(t.indexes()).toEqual([14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27]);
  });

  it('measures every element again once one is found moved in the document, as after the page lays out again', async () => {
    const t = setUp(40);
    t.measured.count = 0;
    t.shift(3);
    t.report([{ target: t.els[0]!, near: false }]);
    expect(t.pending()).toBe(1);
    await t.runSweeps();
    expect(t.measured.count).toBeGreaterThanOrEqual(40);
    expect(t.indexes()).toEqual([0, 1, 2, 3, 4]);
  });

  it('passes on reports only for elements it observes', () => {
    const t = setUp(40);
    t.report([
      { target: t.els[30]!, near: true },
      { target: t.els[2]!, near: true },
    ]);
    expect(t.reported).toEqual([{ target: t.els[2], near: true }]);
  });
});
