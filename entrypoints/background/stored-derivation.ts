import type { FactlensDb } from './db';

/**
 * A structure derived from the catalog (the automaton, the search index),
 * kept in IndexedDB under the catalog's signature, so that a worker the
 * browser stopped and started again reads it back instead of rebuilding it
 * from every entity.
 *
 * The row is named by its signature, so checking for it reads nothing when
 * it is missing; reading a stale 20 MB row just to compare a key would cost
 * more than it saves. Writing one deletes the rows of the same prefix that
 * an older signature left.
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
  const stored = (await db.caches.get(name))?.value as Stored | undefined;
  if (stored) return unpack(stored);
  const built = await build();
  const value = pack(built);
  // Stored in the background: whoever asked need not wait for the write.
  void db
    .transaction('rw', db.caches, async () => {
      await db.caches.where('name').startsWith(`${kind}:`).delete();
      await db.caches.put({ name, key: signature, value });
    })
    .catch(() => {});
  return built;
}
