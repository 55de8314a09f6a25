import { browser } from 'wxt/browser';
import { askTab } from '../../utils/tab-messaging';
import type { SettingsArea } from './settings-area';
import { readSiteSettings, writeSiteSettings } from './site-settings';

/**
 * The keyboard command: turns the overlay off or on for the site in the
 * active tab. The tab's own content script says which site it is, so
 * Factlens needs no permission to read tab URLs.
 */
export async function toggleActiveSite({ settings, onChanged }: { settings: SettingsArea; onChanged: () => void }): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  const { host } = await askTab(tab.id, { type: 'getPageInfo' });
  const { siteEnabled } = await readSiteSettings({ settings, host });
  await writeSiteSettings({ settings, host, enabled: !siteEnabled });
  onChanged();
}
