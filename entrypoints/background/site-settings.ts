import type { SiteRule, SiteSettings } from '../../src/messages/protocol';
import { siteHost } from '../../src/site-host';
import { SETTING_KEYS, type SettingsArea } from './settings-area';

const { globalEnabled: GLOBAL_ENABLED, sitePrefix: SITE } = SETTING_KEYS;

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

/** The hosts and patterns turned off, as stored. Only "off" is stored: "on" is the default. */
async function offRules(settings: SettingsArea): Promise<string[]> {
  const all = await settings.get(null);
  return Object.keys(all)
    .filter((key) => key.startsWith(SITE) && all[key] === false)
    .map((key) => key.slice(SITE.length));
}

export async function readSiteSettings({ settings, host: asked }: { settings: SettingsArea; host: string }): Promise<SiteSettings> {
  const host = siteHost(asked);
  const [rules, global] = await Promise.all([offRules(settings), settings.get(GLOBAL_ENABLED)]);
  const siteEnabled = !rules.some((r) => ruleCovers(r, host));
  const globalEnabled = global[GLOBAL_ENABLED] !== false;
  return { host, siteEnabled, globalEnabled, enabled: siteEnabled && globalEnabled };
}

/** Turns a host or pattern off, or on again by removing its rule (and any pattern covering the host). */
export async function writeSiteSettings({ settings, host: asked, enabled }: { settings: SettingsArea; host: string; enabled: boolean }): Promise<SiteSettings> {
  const host = siteHost(asked);
  if (!enabled) {
    await settings.set({ [`${SITE}${host}`]: false });
  } else {
    // "On" is the default, so turning a site on removes whatever turned it off.
    const covering = (await offRules(settings)).filter((r) => siteHost(r) === host || ruleCovers(r, host));
    if (covering.length > 0) await settings.remove(covering.map((r) => `${SITE}${r}`));
  }
  return readSiteSettings({ settings, host: host.replace(/^\*\./, '') });
}

export async function listSites({ settings }: { settings: SettingsArea }): Promise<SiteRule[]> {
  return (await offRules(settings)).sort((a, b) => a.localeCompare(b)).map((host) => ({ host, enabled: false }));
}

export async function setGlobalEnabled({ settings, enabled }: { settings: SettingsArea; enabled: boolean }): Promise<{ globalEnabled: boolean }> {
  await settings.set({ [GLOBAL_ENABLED]: enabled });
  return { globalEnabled: enabled };
}
