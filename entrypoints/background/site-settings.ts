import type { SiteRule, SiteSettings } from '../../src/messages/protocol';
import { siteHost } from '../../src/site-host';
import type { FactlensDb } from './db';

const GLOBAL_ENABLED = 'globalEnabled';

/**
 * Whether a stored rule covers a site: "*.example.com" covers example.com and
 * its subdomains. Rules stored before hosts were normalised may still carry a
 * port or capitals, so the rule is normalised too.
 */
function ruleCovers(stored: string, host: string): boolean {
  const rule = siteHost(stored);
  if (!rule.startsWith('*.')) return rule === host;
  const base = rule.slice(2);
  return host === base || host.endsWith(`.${base}`);
}

export async function readSiteSettings({ db, host: asked }: { db: FactlensDb; host: string }): Promise<SiteSettings> {
  const host = siteHost(asked);
  const [rules, global] = await Promise.all([db.sites.toArray(), db.settings.get(GLOBAL_ENABLED)]);
  const siteEnabled = !rules.some((r) => !r.enabled && ruleCovers(r.host, host));
  const globalEnabled = global?.value !== false;
  return { host, siteEnabled, globalEnabled, enabled: siteEnabled && globalEnabled };
}

/** Turns a host or pattern off, or on again by removing its rule (and any pattern covering the host). */
export async function writeSiteSettings({ db, host: asked, enabled }: { db: FactlensDb; host: string; enabled: boolean }): Promise<SiteSettings> {
  const host = siteHost(asked);
  await db.transaction('rw', db.sites, async () => {
    if (!enabled) {
      await db.sites.put({ host, enabled: false });
      return;
    }
    // "On" is the default, so turning a site on removes whatever turned it off.
    const covering = (await db.sites.toArray()).filter((r) => siteHost(r.host) === host || ruleCovers(r.host, host));
    await db.sites.bulkDelete(covering.map((r) => r.host));
  });
  return readSiteSettings({ db, host: host.replace(/^\*\./, '') });
}

export async function listSites({ db }: { db: FactlensDb }): Promise<SiteRule[]> {
  return (await db.sites.toArray()).sort((a, b) => a.host.localeCompare(b.host));
}

export async function setGlobalEnabled({ db, enabled }: { db: FactlensDb; enabled: boolean }): Promise<{ globalEnabled: boolean }> {
  await db.settings.put({ key: GLOBAL_ENABLED, value: enabled });
  return { globalEnabled: enabled };
}
