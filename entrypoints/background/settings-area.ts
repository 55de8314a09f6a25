import { browser } from 'wxt/browser';

/** The part of a `browser.storage` area that the settings use; tests pass one of their own. */
export interface SettingsArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * The reader's settings are stored under these keys, one value each. A site
 * turned off is a key of its own (`site:example.com`) rather than an entry
 * in one list: sync merges by key, so sites turned off on two devices at
 * once both survive, and no single item grows past sync's 8 KB item quota.
 */
export const SETTING_KEYS = {
  globalEnabled: 'globalEnabled',
  appearance: 'appearance',
  sitePrefix: 'site:',
} as const;

/** Whether a storage key holds one of the reader's settings (what storage.onChanged should pass on to tabs). */
export function isSettingKey(key: string): boolean {
  return key === SETTING_KEYS.globalEnabled || key === SETTING_KEYS.appearance || key.startsWith(SETTING_KEYS.sitePrefix);
}

/**
 * Where the settings live: `storage.sync`, so they follow the reader to
 * their other browsers, or `storage.local` where sync is missing or refuses
 * (a browser built without it, a policy that turns it off; Firefox for
 * Android answers sync but keeps it on the device). Chosen once, by asking
 * sync for nothing.
 */
export function browserSettingsArea(): { area: SettingsArea; name: Promise<'sync' | 'local'> } {
  const chosen = (async () => {
    try {
      await browser.storage.sync.get(null);
      return 'sync' as const;
    } catch {
      return 'local' as const;
    }
  })();
  const real = async () => browser.storage[await chosen];
  return {
    name: chosen,
    area: {
      get: async (keys) => (await real()).get(keys ?? null),
      set: async (items) => (await real()).set(items),
      remove: async (keys) => (await real()).remove(keys),
    },
  };
}

type AccessLevel = { setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' }): Promise<void> };

/**
 * Keeps content scripts out of storage. They need none: they ask the
 * background, which tells each only whether its own site is on. Chromium
 * otherwise opens sync and local storage to content scripts, and with them
 * every site the reader turned off. Firefox has no such switch (its content
 * scripts could read storage; Factlens's never do).
 */
export function restrictStorageToExtensionPages(): void {
  for (const area of [browser.storage.sync, browser.storage.local] as AccessLevel[]) {
    area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});
  }
}
