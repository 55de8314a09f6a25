import type { SourceInfo, SourceRecord } from '../../src/messages/protocol';
import type { FactlensDb, StoredSource } from './db';
import { generations } from './generations';

async function rows(db: FactlensDb, refs: readonly { dataset: string; id: string }[]): Promise<(StoredSource | undefined)[]> {
  if (refs.length === 0) return [];
  const gens = await generations({ db, enabledOnly: false });
  // A dataset that does not exist has no generation, and "" keys no row.
  return db.sourceRows.bulkGet(refs.map(({ dataset, id }) => [gens.get(dataset) ?? '', id]));
}

/** Sources by dataset and id, one per ref, null where there is none. */
export async function readSources({ db, refs }: { db: FactlensDb; refs: readonly { dataset: string; id: string }[] }): Promise<(SourceRecord | null)[]> {
  return (await rows(db, refs)).map((row) => {
    if (!row) return null;
    const { gen: _gen, seq: _seq, ...source } = row;
    return source;
  });
}

/** The same without their text: what a card needs to cite them. */
export async function readSourceInfos({ db, refs }: { db: FactlensDb; refs: readonly { dataset: string; id: string }[] }): Promise<(SourceInfo | null)[]> {
  return (await rows(db, refs)).map((row) => {
    if (!row) return null;
    const { gen: _gen, seq: _seq, text: _text, ...info } = row;
    return info;
  });
}
