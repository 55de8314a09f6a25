import { beforeEach, describe, expect, it, vi } from 'vitest';

const tabs = { query: vi.fn() };
vi.mock('wxt/browser', () => ({ browser: { tabs } }));
const askTab = vi.fn();
vi.mock('../../utils/tab-messaging', () => ({ askTab }));

const { memoryArea } = await import('./support/memory-area');
const { readSiteSettings } = await import('../../entrypoints/background/site-settings');
const { toggleActiveSite } = await import('../../entrypoints/background/toggle-site-command');

describe('the toggle-site keyboard command', () => {
  const settings = memoryArea();
  beforeEach(() => {
    tabs.query.mockResolvedValue([{ id: 12 }]);
    askTab.mockResolvedValue({ host: 'news.test', active: true, entities: [] });
  });

  it('turns the active tab’s site off, then on again, telling open tabs each time', async () => {
    const onChanged = vi.fn();
    await toggleActiveSite({ settings, onChanged });
    expect(askTab).toHaveBeenCalledWith(12, { type: 'getPageInfo' });
    expect(await readSiteSettings({ settings, host: 'news.test' })).toMatchObject({ siteEnabled: false });
    await toggleActiveSite({ settings, onChanged });
    expect(await readSiteSettings({ settings, host: 'news.test' })).toMatchObject({ siteEnabled: true });
    expect(onChanged).toHaveBeenCalledTimes(2);
  });

  it('does nothing on a tab without a content script', async () => {
    askTab.mockRejectedValue(new Error('Factlens is not running on this page'));
    const onChanged = vi.fn();
    await expect(toggleActiveSite({ settings, onChanged })).rejects.toThrow();
    expect(onChanged).not.toHaveBeenCalled();
    expect(settings.items.size).toBe(0);
  });
});
