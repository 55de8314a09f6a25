import { appearanceSchema, DEFAULT_APPEARANCE, type Appearance } from '../../src/messages/protocol';
import type { FactlensDb } from './db';

const KEY = 'appearance';

export async function readAppearance({ db }: { db: FactlensDb }): Promise<Appearance> {
  const stored = (await db.settings.get(KEY))?.value;
  // Settings written by another version may lack fields or hold old values.
  const merged = appearanceSchema.safeParse({ ...DEFAULT_APPEARANCE, ...(typeof stored === 'object' ? stored : {}) });
  return merged.success ? merged.data : DEFAULT_APPEARANCE;
}

export async function writeAppearance({ db, appearance }: { db: FactlensDb; appearance: Partial<Appearance> }): Promise<Appearance> {
  const next = { ...(await readAppearance({ db })), ...appearance };
  await db.settings.put({ key: KEY, value: next });
  return next;
}
