import { describe, expect, it } from 'vitest';
import { createRegistryGuard } from '../../overlay/registry-guard';

function clock() {
  let t = 0;
  return { now: () => t, at: (ms: number) => (t = ms) };
}

describe('registry guard', () => {
  it('restores at once the first time the page clears the highlights', () => {
    const c = clock();
    const guard = createRegistryGuard({ now: c.now });
    c.at(5000);
    expect(guard.mayRestore()).toBe(true);
  });

  it('waits twice as long before each further restore while the page keeps clearing', () => {
    const c = clock();
    const guard = createRegistryGuard({ now: c.now, firstWaitMs: 1000, maxWaitMs: 8000 });
    // Checked every second (as the overlay does) for 40 s while the page clears in a loop.
    const restores: number[] = [];
    for (let t = 1000; t <= 40_000; t += 1000) {
      c.at(t);
      if (guard.mayRestore()) restores.push(t);
    }
    expect(restores).toEqual([1000, 2000, 4000, 8000, 16_000, 24_000, 32_000, 40_000]);
  });

  it('counts a check that fires slightly early as on time', () => {
    const c = clock();
    const guard = createRegistryGuard({ now: c.now, firstWaitMs: 1000 });
    c.at(1000);
    expect(guard.mayRestore()).toBe(true);
    c.at(1990);
    expect(guard.mayRestore()).toBe(true);
  });

  it('ends the streak when the highlights stay in place after a restore', () => {
    const c = clock();
    const guard = createRegistryGuard({ now: c.now, firstWaitMs: 1000 });
    for (const t of [1000, 2000, 4000]) {
      c.at(t);
      expect(guard.mayRestore()).toBe(true);
    }
    c.at(5000);
    guard.intact();
    c.at(6000);
    expect(guard.mayRestore()).toBe(true);
    c.at(7000);
    expect(guard.mayRestore()).toBe(true);
  });

  it('does not end the streak on finding the highlights in place right after restoring them', () => {
    const c = clock();
    const guard = createRegistryGuard({ now: c.now, firstWaitMs: 1000 });
    c.at(1000);
    guard.mayRestore();
    c.at(2000);
    guard.mayRestore();
    // The pointer moved 16 ms later, before the page's next clear.
    c.at(2016);
    guard.intact();
    c.at(3000);
    expect(guard.mayRestore()).toBe(false);
    c.at(4000);
    expect(guard.mayRestore()).toBe(true);
  });
});
