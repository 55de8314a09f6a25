import type { SiteSettings } from '../../src/messages/protocol';
import type { FactlensDb } from './db';

const GLOBAL_ENABLED = 'globalEnabled';

export async function readSiteSettings({ db, host }: { db: FactlensDb; host: string }): Promise<SiteSettings> {
  const [site, global] = await Promise.all([db.sites.get(host), db.settings.get(GLOBAL_ENABLED)]);
  const siteEnabled = site?.enabled ?? true;
  const globalEnabled = global?.value !== false;
  return { host, siteEnabled, globalEnabled, enabled: siteEnabled && globalEnabled };
}

export async function writeSiteSettings({ db, host, enabled }: { db: FactlensDb; host: string; enabled: boolean }): Promise<SiteSettings> {
  // Only turned-off sites are stored: "on" is the default and needs no row.
  if (enabled) await db.sites.delete(host);
  else await db.sites.put({ host, enabled });
  return readSiteSettings({ db, host });
}
