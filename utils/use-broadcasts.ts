import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { broadcastSchema, type Broadcast } from '../src/messages/protocol';

/**
 * Calls onBroadcast for every valid settingsChanged / datasetsChanged message
 * the background sends to extension pages. Anything else is ignored, and the
 * listener never answers, so it does not hold other messages' channels open.
 */
export function useBroadcasts(onBroadcast: (message: Broadcast) => void): void {
  const latest = useRef(onBroadcast);
  latest.current = onBroadcast;
  useEffect(() => {
    const listener = (message: unknown): undefined => {
      const parsed = broadcastSchema.safeParse(message);
      if (parsed.success) latest.current(parsed.data);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
}

/** Calls `onBroadcast` for broadcasts of one type only. */
export function useBroadcast(type: Broadcast['type'], onBroadcast: () => void): void {
  useBroadcasts((message) => {
    if (message.type === type) onBroadcast();
  });
}
