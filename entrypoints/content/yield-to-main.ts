/** Gives the page's own work a turn between slices of ours. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
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
