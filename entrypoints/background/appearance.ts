import { appearanceSchema, DEFAULT_APPEARANCE, type Appearance } from '../../src/messages/protocol';
import { SETTING_KEYS, type SettingsArea } from './settings-area';

const KEY = SETTING_KEYS.appearance;

export async function readAppearance({ settings }: { settings: SettingsArea }): Promise<Appearance> {
  const stored = (await settings.get(KEY))[KEY];
  // Settings written by another version (or synced from one) may lack fields or hold old values.
  const merged = appearanceSchema.safeParse({ ...DEFAULT_APPEARANCE, ...(typeof stored === 'object' ? stored : {}) });
  return merged.success ? merged.data : DEFAULT_APPEARANCE;
}

export async function writeAppearance({ settings, appearance }: { settings: SettingsArea; appearance: Partial<Appearance> }): Promise<Appearance> {
  const next = { ...(await readAppearance({ settings })), ...appearance };
  await settings.set({ [KEY]: next });
  return next;
}
