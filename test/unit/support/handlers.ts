import type { FactlensDb } from '../../../entrypoints/background/db';
import type { Effects } from '../../../entrypoints/background/handlers';
import { createServices } from '../../../entrypoints/background/services';

/** Background handlers over a test database, with side effects recorded instead of performed. */
export function testHandlers({ db }: { db: FactlensDb }) {
  const opened: Parameters<Effects['openTab']>[0][] = [];
  const broadcasts: Parameters<Effects['broadcast']>[0][] = [];
  const services = createServices({
    db,
    effects: {
      openTab: async (options) => {
        opened.push(options);
      },
      broadcast: (message) => {
        broadcasts.push(message);
      },
    },
  });
  return { ...services, opened, broadcasts };
}
