import type { FactlensDb } from '../../../entrypoints/background/db';
import type { Effects } from '../../../entrypoints/background/handlers';
import { createServices } from '../../../entrypoints/background/services';
import type { SettingsArea } from '../../../entrypoints/background/settings-area';
import { migrateSettings } from '../../../entrypoints/background/settings-migration';
import { memoryArea } from './memory-area';

type Broadcast = Parameters<Effects['broadcast']>[0];

/**
 * Background handlers over a test database, with side effects recorded
 * instead of performed. `onBroadcast` also hands each broadcast on, as the
 * component kit does to reach the pages' listeners.
 */
export function testHandlers({
  db,
  settings = memoryArea(),
  onBroadcast,
  topFrames = new Map(),
}: {
  db: FactlensDb;
  /** Where the reader's settings are kept; a fresh, empty one unless given. */
  settings?: SettingsArea;
  onBroadcast?: (message: Broadcast) => void;
  /** What each tab's top frame answers when asked for its host; a tab not here has no content script there. */
  topFrames?: Map<number, unknown>;
}) {
  const opened: Parameters<Effects['openTab']>[0][] = [];
  const broadcasts: Broadcast[] = [];
  const told: { tabId: number; frameId: number; message: Broadcast }[] = [];
  const services = createServices({
    db,
    settings,
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
  return { ...services, settings, opened, broadcasts, told, topFrames };
}

/**
 * Handlers over a database that an older version saved, after its settings
 * have moved from IndexedDB into the settings area as the background moves
 * them at start (settings-migration.ts).
 */
export async function migratedHandlers({ db }: { db: FactlensDb }) {
  const settings = memoryArea();
  await migrateSettings({ db, settings, local: memoryArea() });
  return testHandlers({ db, settings });
}
