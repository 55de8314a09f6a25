import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as UserTiming from '../../overlay/user-timing';

/**
 * The benchmark's spans (overlay/user-timing.ts), with the build-time switch
 * turned on: vitest assigns `define` values to globalThis rather than
 * replacing them, so a test can set it.
 */
type Timing = typeof UserTiming;
const flag = globalThis as { __FACTLENS_USER_TIMING__?: boolean };

async function load(on: boolean): Promise<Timing> {
  flag.__FACTLENS_USER_TIMING__ = on;
  vi.resetModules();
  return import('../../overlay/user-timing');
}

const measures = () => performance.getEntriesByType('measure').filter((e) => e.name.startsWith('factlens:'));
const names = () => measures().map((e) => e.name);
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const nextTask = () => new Promise((r) => setTimeout(r, 0));

describe('user timing spans', () => {
  beforeEach(() => performance.clearMeasures());
  afterEach(() => {
    flag.__FACTLENS_USER_TIMING__ = false;
    performance.clearMeasures();
    performance.clearMarks();
  });

  it('are the bare callbacks when the build has them off', async () => {
    const t = await load(false);
    const fn = () => 1;
    const flowFn = async () => 2;
    const p = Promise.resolve(3);
    expect(t.timed('x', fn)).toBe(fn);
    expect(t.flow('x', flowFn)).toBe(flowFn);
    expect(t.across(p)).toBe(p);
    t.timed('x', fn)();
    expect(measures()).toEqual([]);
  });

  it('measure a callback once per call, and count time once where spans nest', async () => {
    const t = await load(true);
    const inner = t.timed('inner', () => busy(5));
    t.timed('outer', () => {
      busy(5);
      inner();
      busy(5);
    })();
    expect(names()).toEqual(['factlens:outer', 'factlens:inner', 'factlens:outer']);
    const [a, b, c] = measures();
    // The inner span's time is not the outer's: the three do not overlap.
    expect(b!.startTime).toBeGreaterThanOrEqual(a!.startTime + a!.duration);
    expect(c!.startTime).toBeGreaterThanOrEqual(b!.startTime + b!.duration);
  });

  it('leave out the time a flow waits, and name what follows a wait after the flow', async () => {
    const t = await load(true);
    let release = () => {};
    const waited = new Promise<void>((r) => (release = r));
    const done = t.flow('scan', async () => {
      busy(2);
      await t.across(waited);
      busy(2);
    })();
    await nextTask();
    busy(20);
    release();
    await done;
    const [before, after] = measures();
    expect(names()).toEqual(['factlens:scan', 'factlens:scan']);
    // The 20 ms spent between the two, outside the flow, is in neither.
    expect(after!.startTime).toBeGreaterThanOrEqual(before!.startTime + before!.duration + 20);
  });

  it('drop a span that a flow resumed outside `flow` leaves open, and mark it', async () => {
    const t = await load(true);
    t.timed('outer', () => void t.across(Promise.resolve()))();
    await nextTask();
    await nextTask();
    expect(performance.getEntriesByType('mark').map((e) => e.name)).toContain('factlens-leaked:factlens:outer');
    // A later span is its own: the dropped one does not swallow it.
    t.timed('later', () => busy(1))();
    expect(names().at(-1)).toBe('factlens:later');
  });
});
