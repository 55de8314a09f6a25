import type { Catalog } from './catalog';
import type { FactlensDb } from './db';

const isPlain = (value: unknown): value is Record<string, unknown> | unknown[] =>
  Array.isArray(value) || (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype);

/**
 * Every ArrayBuffer in a packed structure (each holds all of one structure's
 * arrays) as a Blob: Chromium reads a Blob out of IndexedDB two to three
 * times as fast as the same bytes stored as an ArrayBuffer (bench/RESULTS.md,
 * "Cold worker in Chromium").
 */
function withBlobs(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return new Blob([value]);
  if (!isPlain(value)) return value;
  if (Array.isArray(value)) return value.map(withBlobs);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withBlobs(v)]));
}

/** The stored structure with its Blobs read back into ArrayBuffers; a row stored before Blobs were used has none. */
async function withBuffers(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return value.arrayBuffer();
  if (!isPlain(value)) return value;
  if (Array.isArray(value)) return Promise.all(value.map(withBuffers));
  return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await withBuffers(v)] as const)));
}

/**
 * A structure derived from the catalog (the automaton, the search and people indexes),
 * kept in IndexedDB under the catalog's signature, so that a worker the
 * browser stopped and started again reads it back instead of rebuilding it
 * from every entity.
 *
 * The row is named by its signature, so checking for it reads nothing when
 * it is missing; reading a stale 20 MB row just to compare a key would cost
 * more than it saves. Writing one deletes the rows of the same kind that an
 * older signature or format left.
 */
export async function readOrBuild<T, Stored>({
  db,
  kind,
  format,
  signature,
  build,
  pack,
  unpack,
}: {
  db: FactlensDb;
  /** Names the structure: writing a row deletes every other row of its kind, whatever its format. */
  kind: string;
  /** The version of the stored form: bump it when that form changes, so a row from older code is not used. */
  format: string;
  signature: string;
  build: () => Promise<T>;
  pack: (built: T) => Stored;
  unpack: (stored: Stored) => T;
}): Promise<T> {
  const name = `${kind}:${format}:${signature}`;
  const stored = await db.caches
    .get(name)
    .then(async (row) => (row ? unpack((await withBuffers(row.value)) as Stored) : undefined))
    // A row that cannot be read back (its Blob's file gone, a browser that could not keep it) is rebuilt and written again.
    .catch(() => undefined);
  if (stored !== undefined) return stored;
  const built = await build();
  const value = withBlobs(pack(built));
  // Stored in the background: whoever asked need not wait for the write.
  void db
    .transaction('rw', db.caches, async () => {
      await db.caches.where('name').startsWith(`${kind}:`).delete();
      await db.caches.put({ name, key: signature, value });
    })
    .catch(() => {});
  return built;
}

/**
 * The structure for the catalog as it is now: made once per signature and
 * shared by every caller meanwhile, and made again after a failure.
 */
export function perSignature<T>(catalog: Pick<Catalog, 'signature'>, make: (signature: string) => Promise<T>): () => Promise<T> {
  let made: { signature: string; value: Promise<T> } | null = null;
  return async () => {
    const signature = await catalog.signature();
    if (made?.signature !== signature) {
      const current = { signature, value: make(signature) };
      current.value.catch(() => {
        if (made === current) made = null;
      });
      made = current;
    }
    return made.value;
  };
}
