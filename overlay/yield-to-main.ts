import { across } from './user-timing';

interface TaskScheduler {
  postTask?: (callback: () => void, options: { priority: 'background' }) => Promise<void>;
}

/**
 * Gives the page's own work a turn between slices of ours, its timers and
 * messages included. Not scheduler.yield(): its continuation is prioritised
 * ahead of the page's other tasks, so a scan of a 100,000-node page held the
 * page's setInterval back for 0.7 s in Chromium and 1.8 s in Firefox
 * (test/browser/hostile-load.test.ts). A background-priority task runs once
 * the page's pending work has had its turn.
 */
export function yieldToMain(): Promise<void> {
  // Every slice of a scan ends here: its own span in the benchmark's build (user-timing.ts).
  return across(nextTurn());
}

function nextTurn(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => {}, { priority: 'background' });
  // A MessageChannel task runs sooner than setTimeout(0), which browsers clamp after nesting.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Time budget for one slice of work on the page's main thread, far under the 50 ms long-task line. */
export const SLICE_MS = 8;
