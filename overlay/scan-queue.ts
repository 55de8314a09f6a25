import { composedParent, isInsideAny } from './mutation-watch';

/**
 * Coalesces rescans so that a page rewriting itself faster than Factlens can
 * scan costs a bounded amount of work: at most one scan runs and one waits.
 * Containers reported while a scan runs accumulate in one set, and the
 * waiting scan takes them all when the running one ends. A chain of one scan
 * per mutation batch grew without bound instead: 6 frames rewriting 500 KB
 * every 20 ms had 14–16 scans waiting each after 32 s.
 *
 * `scan` is handed the containers only when it starts, so it reads the page
 * then, not when they were reported: nothing is extracted for a scan that is
 * still waiting.
 */
export function createScanQueue({ scan, signal }: { scan: (containers: Node[]) => Promise<void>; signal: AbortSignal }) {
  const dirty = new Set<Node>();
  let running: Promise<void> | null = null;
  let waiting: Promise<void> | null = null;

  function start(): Promise<void> {
    // Reading an ancestor again reads its descendants too.
    const outermost = [...dirty].filter((c) => !isInsideAny(composedParent(c), dirty));
    dirty.clear();
    const run: Promise<void> = scan(outermost).finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  }

  signal.addEventListener('abort', () => dirty.clear(), { once: true });

  return {
    /**
     * Scans `containers` in the next scan to start, and settles when that
     * scan has: rejects if it failed, never settles if `signal` aborted first.
     */
    add(containers: Iterable<Node>): Promise<void> {
      if (signal.aborted) return new Promise(() => {});
      for (const c of containers) dirty.add(c);
      if (!running) return start();
      // A failed scan does not stop the next: the page has changed since.
      waiting ??= running.then(next, next);
      return waiting;
    },
  };

  function next(): Promise<void> {
    waiting = null;
    if (signal.aborted) return new Promise(() => {});
    return start();
  }
}
