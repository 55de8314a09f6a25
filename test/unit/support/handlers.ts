import type { FactlensDb } from '../../../entrypoints/background/db';
import type { Effects } from '../../../entrypoints/background/handlers';
import { createServices } from '../../../entrypoints/background/services';

type Broadcast = Parameters<Effects['broadcast']>[0];

/**
 * Background handlers over a test database, with side effects recorded
 * instead of performed. `onBroadcast` also hands each broadcast on, as the
 * component kit does to reach the pages' listeners.
 */
export function testHandlers({ db, onBroadcast }: { db: FactlensDb; onBroadcast?: (message: Broadcast) => void }) {
  const opened: Parameters<Effects['openTab']>[0][] = [];
  const broadcasts: Broadcast[] = [];
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
    },
  });
  return { ...services, opened, broadcasts };
}
