import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverIntent } from '../../overlay/hover-intent';
import type { Mention } from '../../overlay/page-mentions';

const a = { start: 0 } as Mention;
const b = { start: 10 } as Mention;

describe('hover intent', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  function intent() {
    const opened: Mention[] = [];
    let closes = 0;
    const controller = new AbortController();
    // As the overlay does: closing the card tells the intent it closed.
    const hover = createHoverIntent({
      delayMs: () => 300,
      open: (m) => opened.push(m),
      close: () => (closes++, hover.closedNow()),
      signal: controller.signal,
    });
    return { hover, opened, closes: () => closes, abort: () => controller.abort() };
  }

  it('opens the card after the pointer rests on a mention', () => {
    const { hover, opened } = intent();
    hover.pointerOver(a);
    vi.advanceTimersByTime(299);
    expect(opened).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(opened).toEqual([a]);
  });

  it('opens the next mention when the pointer moves straight on to it while the last card closes', () => {
    const { hover, opened, closes } = intent();
    hover.pointerOver(a);
    vi.advanceTimersByTime(300);
    hover.pointerOver(null);
    vi.advanceTimersByTime(50);
    hover.pointerOver(b);
    vi.advanceTimersByTime(1000);
    expect(closes()).toBe(1);
    expect(opened).toEqual([a, b]);
  });

  it('neither opens nor closes a card once its signal aborts', () => {
    const { hover, opened, closes, abort } = intent();
    hover.pointerOver(a);
    vi.advanceTimersByTime(300);
    hover.pointerOver(b);
    abort();
    expect(vi.getTimerCount()).toBe(0);
    hover.pointerOver(a);
    hover.pointerOver(b);
    hover.pointerInCard(false);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(opened).toEqual([a]);
    expect(closes()).toBe(0);
  });

  it('keeps a card that moved from under a still pointer until the pointer moves off it', () => {
    const { hover, closes } = intent();
    hover.pointerOver(a);
    vi.advanceTimersByTime(300);
    hover.pointerInCard(true);
    hover.pointerInCard(false, true);
    vi.advanceTimersByTime(1000);
    expect(closes()).toBe(0);
    hover.pointerOver(null);
    vi.advanceTimersByTime(300);
    expect(closes()).toBe(1);
  });

  it('closes a card the pointer left after the delay', () => {
    const { hover, closes } = intent();
    hover.pointerOver(a);
    vi.advanceTimersByTime(300);
    hover.pointerInCard(true);
    hover.pointerInCard(false);
    vi.advanceTimersByTime(299);
    expect(closes()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(closes()).toBe(1);
  });
});
