// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { MeasuringWatch, NearReport } from '../../overlay/near-watch';
import { windowedWatch } from '../../overlay/near-window';

const SCREEN = 100;

/**
 * A measuring watch the test drives: where each element lies (its offset from
 * the viewport, in px), which ones the browser is asked to observe, and its
 * reports.
 */
function fakeMeasuring(offsets: Map<Element, number | null>) {
  const observed = new Set<Element>();
  let report: NearReport = () => {};
  const measuring = (onChange: NearReport): MeasuringWatch => {
    report = onChange;
    return {
      observe: (el) => observed.add(el),
      unobserve: (el) => observed.delete(el),
      nearNow: () => false,
      offset: (el) => offsets.get(el) ?? null,
      screen: () => SCREEN,
    };
  };
  return { measuring, observed, report: (changes: { target: Element; near: boolean }[]) => report(changes) };
}

/** Elements 0..n-1, laid out a screen apart from the viewport's top downwards; `at` moves the viewport. */
function column(n: number) {
  const els: Element[] = Array.from({ length: n }, () => document.createElement("p"));
  const offsets = new Map<Element, number | null>();
  const at = (screens: number) => els.forEach((el, i) => offsets.set(el, (i - screens) * SCREEN));
  at(0);
  return { els, offsets, at };
}

function setUp(n: number) {
  const page = column(n);
  const fake = fakeMeasuring(page.offsets);
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
    // The band reaches five screens below the viewport: elements 0..5, then 6 as the nearest below.
    expect(t.indexes()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const hidden = document.createElement('p');
    t.offsets.set(hidden, null);
    t.watch.observe(hidden);
    expect(t.observed.has(hidden)).toBe(true);
  });

  it('redraws the band once the reader scrolls, and reports the elements it drops as not near', async () => {
    const t = setUp(40);
    t.report([{ target: t.els[0]!, near: true }]);
    // A first report is the element's state, not a move: no sweep.
    expect(t.pending()).toBe(0);
    t.at(20);
    t.report([{ target: t.els[0]!, near: false }]);
    expect(t.pending()).toBe(1);
    await t.runSweeps();
    expect(t.indexes()).toEqual([14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26]);
    expect(t.reported.filter((r) => !r.near).map((r) => t.els.indexOf(r.target))).toEqual([0, 0, 1, 2, 3, 4, 5, 6]);
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

  it('takes a first report for a move when the element is no longer where it was measured', async () => {
    const t = setUp(40);
    t.report([{ target: t.els[1]!, near: true }]);
    expect(t.pending()).toBe(0);
    t.at(20);
    t.report([{ target: t.els[2]!, near: false }]);
    expect(t.pending()).toBe(1);
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
