import { describe, expect, it } from 'vitest';
import { createTaps } from '../../overlay/taps';

type Kind = 'pointerdown' | 'pointerup' | 'pointercancel';
/** A pointer event as the browser delivers it; isTrusted cannot be set on a constructed event. */
const event = (id: number, x: number, y: number, { pointerType = 'touch', isTrusted = true } = {}) =>
  ({ pointerId: id, clientX: x, clientY: y, pointerType, isTrusted }) as unknown as PointerEvent;

function record() {
  const taps: PointerEvent[] = [];
  const t = createTaps((e) => taps.push(e));
  const send = (kind: Kind, e: PointerEvent) => t[kind](e);
  return { taps, send };
}

describe('taps', () => {
  it('a finger lifted where it came down is a tap', () => {
    const { taps, send } = record();
    send('pointerdown', event(1, 100, 100));
    send('pointerup', event(1, 104, 103));
    expect(taps.map((e) => [e.clientX, e.clientY])).toEqual([[104, 103]]);
  });

  it('a drag, a scroll the browser took over, a pinch, a mouse click and a script are not', () => {
    const { taps, send } = record();
    send('pointerdown', event(1, 100, 100));
    send('pointerup', event(1, 100, 140));
    send('pointerdown', event(2, 100, 100));
    send('pointercancel', event(2, 100, 100));
    send('pointerup', event(2, 100, 100));
    send('pointerdown', event(3, 100, 100));
    send('pointerdown', event(4, 160, 160));
    send('pointerup', event(3, 100, 100));
    send('pointerup', event(4, 160, 160));
    send('pointerdown', event(5, 100, 100, { pointerType: 'mouse' }));
    send('pointerup', event(5, 100, 100, { pointerType: 'mouse' }));
    send('pointerdown', event(6, 100, 100, { isTrusted: false }));
    send('pointerup', event(6, 100, 100, { isTrusted: false }));
    expect(taps).toEqual([]);
    // And the next plain tap still counts.
    send('pointerdown', event(7, 50, 50));
    send('pointerup', event(7, 50, 50));
    expect(taps).toHaveLength(1);
  });
});
