import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { broadcastSchema, type Broadcast } from '../../src/messages/protocol';

/**
 * Calls `onBroadcast` whenever the background sends a broadcast of this type.
 * Other extension pages' requests reach this listener too: they fail the
 * schema and are ignored, and the listener never answers anything.
 */
export function useBroadcast(type: Broadcast['type'], onBroadcast: () => void): void {
  const latest = useRef(onBroadcast);
  latest.current = onBroadcast;
  useEffect(() => {
    const listener = (message: unknown): undefined => {
      const parsed = broadcastSchema.safeParse(message);
      if (parsed.success && parsed.data.type === type) latest.current();
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [type]);
}
