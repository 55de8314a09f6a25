/**
 * At most `count` events per key in any `windowMs` (a sliding window). A
 * refused event does not count, so a burst cannot keep the window closed.
 * Keys whose events have all expired are forgotten.
 */
export function createRateLimit<K>({ count, windowMs }: { count: number; windowMs: number }) {
  const recent = new Map<K, number[]>();
  return {
    /** Counts one event for `key` if the window has room; false if it has not. */
    take(key: K): boolean {
      const t = Date.now();
      for (const [k, times] of recent) {
        const live = times.filter((at) => t - at < windowMs);
        if (live.length === 0) recent.delete(k);
        else recent.set(k, live);
      }
      const times = recent.get(key) ?? [];
      if (times.length >= count) return false;
      recent.set(key, [...times, t]);
      return true;
    },
  };
}
