/** A periodic check that fires a little early still counts as on time. */
const TIMER_SLACK_MS = 50;

/**
 * When to put highlights back that the page took out of `CSS.highlights`.
 *
 * A page may clear the registry once (a client-side navigation, a library
 * resetting its own highlights) or on every frame. Restoring at once the
 * first time keeps the common case seamless; each further restore while the
 * page keeps clearing waits twice as long as the last, so a page that clears
 * in a loop sees a handful of restores rather than a fight for the registry.
 * Finding the highlights still in place a while after the last restore ends
 * the streak; right after it, that proves nothing about the page.
 */
export function createRegistryGuard({
  now = () => performance.now(),
  firstWaitMs = 1000,
  maxWaitMs = 32_000,
}: { now?: () => number; firstWaitMs?: number; maxWaitMs?: number } = {}) {
  let streak = 0;
  let notBefore = -Infinity;
  let restoredAt = -Infinity;
  return {
    /** Our highlights were found missing: whether to restore them now. */
    mayRestore(): boolean {
      const t = now();
      if (t < notBefore - TIMER_SLACK_MS) return false;
      notBefore = t + Math.min(maxWaitMs, firstWaitMs * 2 ** streak);
      restoredAt = t;
      streak++;
      return true;
    },
    /** Our highlights were found in place: the page has stopped clearing them. */
    intact(): void {
      if (now() - restoredAt < firstWaitMs - TIMER_SLACK_MS) return;
      streak = 0;
      notBefore = -Infinity;
    },
  };
}
