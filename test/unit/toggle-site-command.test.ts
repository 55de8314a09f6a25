import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const tabs = { query: vi.fn() };
vi.mock('wxt/browser', () => ({ browser: { tabs } }));
const askTab = vi.fn();
vi.mock('../../utils/tab-messaging', () => ({ askTab }));

const { openDb } = await import('../../entrypoints/background/db');
const { readSiteSettings } = await import('../../entrypoints/background/site-settings');
const { toggleActiveSite } = await import('../../entrypoints/background/toggle-site-command');

describe('the toggle-site keyboard command', () => {
  const db = openDb({ name: 'factlens-command-test' });
  beforeEach(() => {
    tabs.query.mockResolvedValue([{ id: 12 }]);
    askTab.mockResolvedValue({ host: 'news.test', active: true, entities: [] });
  });

  it('turns the active tab’s site off, then on again, telling open tabs each time', async () => {
    const onChanged = vi.fn();
    await toggleActiveSite({ db, onChanged });
    expect(askTab).toHaveBeenCalledWith(12, { type: 'getPageInfo' });
    expect(await readSiteSettings({ db, host: 'news.test' })).toMatchObject({ siteEnabled: false });
    await toggleActiveSite({ db, onChanged });
    expect(await readSiteSettings({ db, host: 'news.test' })).toMatchObject({ siteEnabled: true });
    expect(onChanged).toHaveBeenCalledTimes(2);
  });

  it('does nothing on a tab without a content script', async () => {
    askTab.mockRejectedValue(new Error('Factlens is not running on this page'));
    const onChanged = vi.fn();
    await expect(toggleActiveSite({ db, onChanged })).rejects.toThrow();
    expect(onChanged).not.toHaveBeenCalled();
    expect(await db.sites.count()).toBe(0);
  });
});
