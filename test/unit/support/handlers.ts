import type { FactlensDb } from '../../../entrypoints/background/db';
import { createHandlers, type Effects } from '../../../entrypoints/background/handlers';
import { createMatcherService } from '../../../entrypoints/background/matcher-service';

/** Background handlers over a test database, with side effects recorded instead of performed. */
export function testHandlers({ db }: { db: FactlensDb }) {
  const opened: Parameters<Effects['openTab']>[0][] = [];
  const broadcasts: Parameters<Effects['broadcast']>[0][] = [];
  const matcher = createMatcherService({ db });
  const handlers = createHandlers({
    db,
    matcher,
    effects: {
      openTab: async (options) => {
        opened.push(options);
      },
      broadcast: (message) => {
        broadcasts.push(message);
      },
    },
  });
  return { handlers, matcher, opened, broadcasts };
}
