import { createCatalog } from './catalog';
import type { FactlensDb } from './db';
import { createEntityReader } from './entity-blocks';
import { createHandlers, type Effects } from './handlers';
import { createImports } from './imports';
import { createMatcherService } from './matcher-service';
import { createPeopleService } from './people-service';
import { createSearchService } from './search-service';
import type { SettingsArea } from './settings-area';

/** Everything the background serves, wired over one database. */
export function createServices({ db, settings, effects }: { db: FactlensDb; settings: SettingsArea; effects: Effects }) {
  const catalog = createCatalog({ db });
  const matcher = createMatcherService({ db, catalog });
  const entities = createEntityReader({ db });
  const people = createPeopleService({ db, catalog, entities });
  const search = createSearchService({ db, catalog, entities, people });
  const imports = createImports({ db });
  const handlers = createHandlers({ db, settings, catalog, entities, matcher, search, people, imports, effects });
  return { catalog, matcher, search, imports, handlers };
}
