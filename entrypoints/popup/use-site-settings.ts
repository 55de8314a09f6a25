import { useEffect, useState } from 'preact/hooks';
import type { SiteSettings } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';
import { errorMessage } from '../../utils/request-error';
import { useRequest } from '../../utils/use-request';

export interface SiteSettingsControl {
  /** null until the first answer (or when it failed). */
  settings: SiteSettings | null;
  error: string | null;
  setSiteEnabled(enabled: boolean): void;
  setGlobalEnabled(enabled: boolean): void;
}

/**
 * The site and global switches for `host`. Changes show at once and are then
 * replaced by the background's answer, or undone if the request fails.
 *
 * With no host (no content script in the tab) the settings are read for the
 * popup's own host: there is no request for the global switch alone, and
 * globalEnabled is the same whatever host is asked.
 */
export function useSiteSettings({ host, revision }: { host: string | null; revision: number }): SiteSettingsControl {
  const askFor = host ?? location.host;
  const state = useRequest(() => request({ type: 'getSiteSettings', host: askFor }), [askFor, revision]);
  const [changeError, setChangeError] = useState<string | null>(null);
  // A fresh reading replaces what a failed change said.
  useEffect(() => setChangeError(null), [askFor, revision]);
  const settings = state.status === 'ready' ? state.value : null;

  function change(optimistic: SiteSettings, save: () => Promise<SiteSettings>) {
    setChangeError(null);
    state.change(optimistic, save).catch((e: unknown) => setChangeError(`The change was not saved. ${errorMessage(e)}`));
  }

  return {
    settings,
    error: state.status === 'error' ? `Could not read the settings. ${state.error}` : changeError,
    setSiteEnabled(enabled) {
      if (host === null || !settings) return;
      change({ ...settings, siteEnabled: enabled, enabled: enabled && settings.globalEnabled }, () =>
        request({ type: 'setSiteSettings', host, enabled }),
      );
    },
    setGlobalEnabled(enabled) {
      if (!settings) return;
      const optimistic = { ...settings, globalEnabled: enabled, enabled: enabled && settings.siteEnabled };
      change(optimistic, async () => {
        const { globalEnabled } = await request({ type: 'setGlobalEnabled', enabled });
        return { ...optimistic, globalEnabled, enabled: globalEnabled && optimistic.siteEnabled };
      });
    },
  };
}
