import 'fake-indexeddb/auto';
import bundled from '../../../assets/dataset.json';
import { openDb, type FactlensDb } from '../../../entrypoints/background/db';
import { seedBundled } from '../../../entrypoints/background/seed';
import type { SettingsArea } from '../../../entrypoints/background/settings-area';
import type { Dataset } from '../../../src/dataset/schema';
import { entityKey, type Broadcast, type EntityKey, type EntityRecord, type OrganizationPeople, type RequestOf, type RequestType, type ResponseMap, type SourceInfo } from '../../../src/messages/protocol';
import { testHandlers } from '../support/handlers';
import { importDataset } from '../support/import-dataset';
import { route, type Handlers, type Sender } from './background-adapter';

/** Stands in for one request type's handler; `real` runs the background's own. */
type Override<T extends RequestType> = (message: RequestOf<T>, real: () => Promise<ResponseMap[T]>) => ResponseMap[T] | Promise<ResponseMap[T]>;

/** A request parked by `hold`, answered by the real handler when the test releases it. */
interface Held<T extends RequestType> {
  message: RequestOf<T>;
  release(): void;
}

export interface FakeBackground {
  db: FactlensDb;
  /** Where the background keeps the reader's settings (storage.sync in the browser). */
  settings: SettingsArea;
  /** The real handlers, for arranging and inspecting the store without going through a page. */
  handlers: Handlers;
  /** Every request that reached the router, as it arrived (after serialisation), in order. */
  received: { type: string; [key: string]: unknown }[];
  /** What the background told pages (settingsChanged, datasetsChanged). */
  broadcasts: Broadcast[];
  /** Tabs the background opened (openSource). */
  opened: ReturnType<typeof testHandlers>['opened'];
  /** Replaces one request type's handler until the next test: failure injection, counting, holding. */
  override<T extends RequestType>(type: T, handler: Override<T>): void;
  /** Makes one request type fail with these words, as a failing store would (the router wraps them). */
  fail(type: RequestType, error: string): void;
  /** Parks every request of this type until the test releases it, in any order. */
  hold<T extends RequestType>(type: T): Held<T>[];
  /** Imports a dataset through the real import handlers. */
  importDataset(dataset: Dataset): Promise<void>;
  /** A stored dataset's entities (by id) and source infos (by entityKey), as the store serves them to cards. */
  cardRecords(dataset: Dataset): Promise<{
    entities: Map<string, EntityRecord>;
    sources: Map<string, SourceInfo>;
    people: Map<EntityKey, OrganizationPeople>;
  }>;
  /** Sends one message as the given sender would, over a JSON round trip as extension messaging does. */
  send(message: unknown, sender?: Sender): Promise<unknown>;
  /** Whether no request is being answered (parked ones aside) and no broadcast is on its way. */
  idle(): boolean;
  stop(): Promise<void>;
}

export const bundledDataset = bundled as Dataset;

const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

let dbs = 0;

/**
 * The real background (router, handlers, store) over a fresh fake-indexeddb
 * store seeded with the bundled dataset. Broadcasts go to `onBroadcast`.
 */
export async function startBackground({
  onBroadcast,
  pageUrl,
}: {
  onBroadcast: (message: Broadcast) => void;
  /** The URL of the extension page that sends requests. */
  pageUrl: string;
}): Promise<FakeBackground> {
  const db = openDb({ name: `factlens-kit-${++dbs}` });
  await seedBundled({ db, dataset: bundledDataset });

  let busy = 0;
  let parked = 0;
  const overrides = new Map<RequestType, Override<RequestType>>();
  const services = testHandlers({
    db,
    onBroadcast: (message) => {
      // Delivered later, as the browser does, and counted until then.
      busy++;
      setTimeout(() => {
        busy--;
        onBroadcast(wire(message));
      }, 0);
    },
  });
  const { handlers } = services;
  const routed = new Proxy(handlers, {
    get(target, key, receiver) {
      const real: unknown = Reflect.get(target, key, receiver);
      const override = overrides.get(key as RequestType);
      if (!override || typeof real !== 'function') return real;
      return async (message: never, context: unknown) => override(message, () => (real as (m: never, c: unknown) => Promise<never>)(message, context));
    },
  });
  const received: FakeBackground['received'] = [];
  const page: Sender = { kind: 'extension-page', url: pageUrl };

  const background: FakeBackground = {
    db,
    settings: services.settings,
    handlers,
    received,
    broadcasts: services.broadcasts,
    opened: services.opened,
    override(type, handler) {
      overrides.set(type, handler as unknown as Override<RequestType>);
    },
    fail(type, error) {
      background.override(type, () => {
        throw new Error(error);
      });
    },
    hold(type) {
      const held: Held<typeof type>[] = [];
      background.override(type, (message, real) => {
        parked++;
        return new Promise((resolve, reject) => {
          held.push({
            message,
            release() {
              parked--;
              real().then(resolve, reject);
            },
          });
        });
      });
      return held;
    },
    async importDataset(dataset) {
      await importDataset({ handlers, dataset });
    },
    async cardRecords(dataset) {
      const refs = dataset.entities.map(({ id }) => ({ dataset: dataset.id, id }));
      const cards = (await handlers.getCards({ type: 'getCards', refs })).filter((c) => c !== null);
      return {
        entities: new Map(cards.map((c) => [c.entity.id, c.entity] as const)),
        sources: new Map(cards.flatMap((c) => Object.entries(c.sources))),
        people: new Map(cards.flatMap((c) => (c.people ? [[entityKey(c.entity), c.people] as const] : []))),
      };
    },
    async send(message, sender = page) {
      const sent = wire(message);
      if (typeof sent === 'object' && sent !== null) received.push(sent as FakeBackground['received'][number]);
      busy++;
      try {
        return wire(await route({ message: sent, handlers: routed, sender }));
      } finally {
        busy--;
      }
    },
    idle: () => busy === parked,
    async stop() {
      db.close();
      await db.delete();
    },
  };
  return background;
}
