import { trusted } from './trusted';

/** How far (CSS px) a finger may drift and still tap rather than drag. */
const TAP_SLOP_PX = 10;

/**
 * Taps on a touch screen, told apart from the gestures that also start with
 * a finger on a name: a scroll or a pinch. A tap is one finger that lifts
 * near where it came down, with no second finger meanwhile, and that the
 * browser did not take over for panning or zooming (it sends pointercancel
 * when it does). Mouse and pen pointers are left to hovering.
 */
export function createTaps(onTap: (event: PointerEvent) => void) {
  const down = new Map<number, { x: number; y: number }>();
  /** The one finger that may still become a tap. */
  let candidate: number | null = null;
  const isTouch = (e: PointerEvent) => e.pointerType === 'touch';
  return {
    pointerdown: trusted((e: PointerEvent) => {
      if (!isTouch(e)) return;
      down.set(e.pointerId, { x: e.clientX, y: e.clientY });
      candidate = down.size === 1 ? e.pointerId : null;
    }),
    pointerup: trusted((e: PointerEvent) => {
      if (!isTouch(e)) return;
      const start = down.get(e.pointerId);
      down.delete(e.pointerId);
      if (candidate !== e.pointerId || !start) return;
      candidate = null;
      if (Math.hypot(e.clientX - start.x, e.clientY - start.y) <= TAP_SLOP_PX) onTap(e);
    }),
    pointercancel: trusted((e: PointerEvent) => {
      down.delete(e.pointerId);
      candidate = null;
    }),
  };
}
