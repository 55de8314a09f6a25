import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDb } from '../../entrypoints/background/db';
import { DEFAULT_APPEARANCE } from '../../src/messages/appearance';
import { testHandlers } from './support/handlers';
import { memoryArea } from './support/memory-area';

vi.mock('wxt/browser', () => ({ browser: fakeBrowser }));
const { browserSettingsArea } = await import('../../entrypoints/background/settings-area');
const { migrateSettings } = await import('../../entrypoints/background/settings-migration');

let n = 0;
/** A database as versions before storage.sync left it: settings and sites in IndexedDB. */
async function oldStore({ sites, appearance, globalEnabled }: { sites: string[]; appearance?: object; globalEnabled?: boolean }) {
  const db = openDb({ name: `factlens-migration-${n++}` });
  await db.sites.bulkPut(sites.map((host) => ({ host, enabled: false })));
  if (appearance) await db.settings.put({ key: 'appearance', value: appearance });
  if (globalEnabled !== undefined) await db.settings.put({ key: 'globalEnabled', value: globalEnabled });
  return db;
}

afterEach(() => fakeBrowser.reset());

describe('moving the settings from IndexedDB into storage', () => {
  it('carries every site, the global switch and the appearance over, and the background serves them', async () => {
    const appearance = { highlightStyle: 'underline', cardDelayMs: 650, theme: 'dark' };
    const db = await oldStore({ sites: ['news.example', '*.blog.example'], appearance, globalEnabled: false });
    const settings = memoryArea();
    await migrateSettings({ db, settings, local: memoryArea() });
    const { handlers: h } = testHandlers({ db, settings });
    expect(await h.listSites({ type: 'listSites' })).toEqual([
      { host: '*.blog.example', enabled: false },
      { host: 'news.example', enabled: false },
    ]);
    expect(await h.getSiteSettings({ type: 'getSiteSettings', host: 'a.blog.example' })).toMatchObject({ siteEnabled: false, globalEnabled: false });
    expect(await h.getSiteSettings({ type: 'getSiteSettings', host: 'other.example' })).toMatchObject({ siteEnabled: true, enabled: false });
    // Saved before the open-cards setting existed: the rest is kept, the new field takes its default.
    expect(await h.getAppearance({ type: 'getAppearance' })).toEqual({ ...DEFAULT_APPEARANCE, ...appearance });
  });

  it('adds its sites to those sync already brought, and keeps the newer choices sync holds', async () => {
    const db = await oldStore({ sites: ['here.example'], appearance: { highlightStyle: 'wash', cardDelayMs: 300, theme: 'auto' }, globalEnabled: true });
    const synced = { highlightStyle: 'both', cardDelayMs: 900, theme: 'light', openCards: 'shift' };
    const settings = memoryArea({ 'site:there.example': false, appearance: synced, globalEnabled: false });
    await migrateSettings({ db, settings, local: memoryArea() });
    const { handlers: h } = testHandlers({ db, settings });
    expect((await h.listSites({ type: 'listSites' })).map((r) => r.host)).toEqual(['here.example', 'there.example']);
    expect(await h.getAppearance({ type: 'getAppearance' })).toEqual(synced);
    expect(await h.getSiteSettings({ type: 'getSiteSettings', host: 'x.example' })).toMatchObject({ globalEnabled: false });
  });

  it('runs once per device: a site turned on again after the move stays on at the next start', async () => {
    const db = await oldStore({ sites: ['news.example'] });
    const settings = memoryArea();
    const local = memoryArea();
    await migrateSettings({ db, settings, local });
    const { handlers: h } = testHandlers({ db, settings });
    await h.setSiteSettings({ type: 'setSiteSettings', host: 'news.example', enabled: true });
    await migrateSettings({ db, settings, local });
    expect(await h.getSiteSettings({ type: 'getSiteSettings', host: 'news.example' })).toMatchObject({ siteEnabled: true });
    // The old rows stay where they were, for an older version put back.
    expect(await db.sites.count()).toBe(1);
  });
});

describe('where the settings are kept', () => {
  it('uses storage.sync where it works', async () => {
    const { area, name } = browserSettingsArea();
    await area.set({ 'site:a.example': false });
    expect(await name).toBe('sync');
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({ 'site:a.example': false });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('falls back to storage.local where sync refuses', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValue(new Error('storage.sync is disabled'));
    const { area, name } = browserSettingsArea();
    await area.set({ globalEnabled: false });
    expect(await name).toBe('local');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ globalEnabled: false });
    expect(await area.get('globalEnabled')).toEqual({ globalEnabled: false });
  });
});
