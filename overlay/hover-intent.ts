import type { Mention } from './page-mentions';

/**
 * When the card opens and closes under the pointer: it opens after the
 * pointer rests `delayMs` on a mention, stays while the pointer is on the
 * mention or inside the card (WCAG 1.4.13: hoverable, persistent), and
 * closes `delayMs` after the pointer has left both. Aborting `signal`
 * cancels both timers for good.
 */
export function createHoverIntent({
  delayMs,
  open,
  close,
  signal,
}: {
  delayMs: () => number;
  open: (mention: Mention) => void;
  close: () => void;
  signal: AbortSignal;
}) {
  let shown: Mention | null = null;
  let pending: Mention | null = null;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let inCard = false;

  const cancelOpen = () => {
    clearTimeout(openTimer);
    openTimer = undefined;
    pending = null;
  };
  const cancelClose = () => {
    clearTimeout(closeTimer);
    closeTimer = undefined;
  };
  signal.addEventListener(
    'abort',
    () => {
      cancelOpen();
      cancelClose();
      shown = null;
    },
    { once: true },
  );
  const scheduleClose = () => {
    if (closeTimer !== undefined || !shown) return;
    closeTimer = setTimeout(() => {
      closeTimer = undefined;
      shown = null;
      close();
    }, delayMs());
  };

  return {
    /** The mention under the pointer now, or null. */
    pointerOver(mention: Mention | null): void {
      if (mention && mention === shown) {
        cancelOpen();
        cancelClose();
        return;
      }
      if (mention !== pending) {
        cancelOpen();
        if (mention && !signal.aborted) {
          pending = mention;
          openTimer = setTimeout(() => {
            openTimer = undefined;
            pending = null;
            cancelClose();
            shown = mention;
            open(mention);
          }, delayMs());
        }
      }
      if (!inCard) scheduleClose();
    },
    /**
     * The pointer entered or left the card. A card that moved from under a
     * still pointer (`pointerStill`) stays until the pointer next moves off
     * it, which pointerOver then reports.
     */
    pointerInCard(inside: boolean, pointerStill = false): void {
      inCard = inside;
      if (inside) cancelClose();
      else if (!pointerStill) scheduleClose();
    },
    /** The card was opened another way (keyboard, next/previous). */
    shownNow(mention: Mention | null): void {
      cancelOpen();
      cancelClose();
      shown = mention;
    },
    /** A scan read the shown mention again as `mention` (page-mentions.ts, sameMention). */
    shownReadAgain(mention: Mention): void {
      if (shown) shown = mention;
    },
    /**
     * The card was closed (by this intent's own timer, Escape or its close
     * button). Unlike shownNow(null), a card pending for the mention now
     * under the pointer still opens: closing the last card must not swallow
     * the next one when the pointer went straight from one name to another.
     */
    closedNow(): void {
      cancelClose();
      shown = null;
    },
    stop(): void {
      cancelOpen();
      cancelClose();
      shown = null;
    },
  };
}
