import type { FactlensDb } from '../../../entrypoints/background/db';
import type { Effects } from '../../../entrypoints/background/handlers';
import { createServices } from '../../../entrypoints/background/services';

type Broadcast = Parameters<Effects['broadcast']>[0];

/**
 * Background handlers over a test database, with side effects recorded
 * instead of performed. `onBroadcast` also hands each broadcast on, as the
 * component kit does to reach the pages' listeners.
 */
export function testHandlers({
  db,
  onBroadcast,
  topFrames = new Map(),
}: {
  db: FactlensDb;
  onBroadcast?: (message: Broadcast) => void;
  /** What each tab's top frame answers when asked for its host; a tab not here has no content script there. */
  topFrames?: Map<number, unknown>;
}) {
  const opened: Parameters<Effects['openTab']>[0][] = [];
  const broadcasts: Broadcast[] = [];
  const told: { tabId: number; frameId: number; message: Broadcast }[] = [];
  const services = createServices({
    db,
    effects: {
      openTab: async (options) => {
        opened.push(options);
      },
      broadcast: (message) => {
        broadcasts.push(message);
        onBroadcast?.(message);
      },
      tellFrame: (tabId, frameId, message) => {
        told.push({ tabId, frameId, message });
      },
      askTopFrame: async (tabId) => {
        if (!topFrames.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
        return topFrames.get(tabId);
      },
    },
  });
  return { ...services, opened, broadcasts, told, topFrames };
}
