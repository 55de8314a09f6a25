import type { FactlensDb } from './db';
import { SETTING_KEYS, type SettingsArea } from './settings-area';

/** Set in this device's local storage once its IndexedDB settings have been copied. */
const MIGRATED = 'settingsMigratedFromIndexedDb';

/**
 * Copies the settings that versions before storage.sync kept in IndexedDB
 * (the `settings` and `sites` tables) into the settings area, once per
 * device. Nothing is lost: every site turned off here is added to those the
 * area may already hold (sync can bring another device's first), and the
 * global switch and appearance are copied unless the area has its own,
 * which came from the reader's newer choice elsewhere. The old rows are left
 * as they were, so an older version put back still finds them.
 */
export async function migrateSettings({ db, settings, local }: { db: FactlensDb; settings: SettingsArea; local: SettingsArea }): Promise<void> {
  if ((await local.get(MIGRATED))[MIGRATED] === true) return;
  const [rows, sites, present] = await Promise.all([db.settings.toArray(), db.sites.toArray(), settings.get(null)]);
  const items: Record<string, unknown> = {};
  for (const { key, value } of rows) {
    if ((key === SETTING_KEYS.globalEnabled || key === SETTING_KEYS.appearance) && !(key in present)) items[key] = value;
  }
  for (const site of sites) if (!site.enabled) items[`${SETTING_KEYS.sitePrefix}${site.host}`] = false;
  if (Object.keys(items).length > 0) await settings.set(items);
  await local.set({ [MIGRATED]: true });
}
