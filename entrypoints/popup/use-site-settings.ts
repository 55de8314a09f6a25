import { useEffect, useRef, useState } from 'preact/hooks';
import type { SiteSettings } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';

export interface SiteSettingsControl {
  /** null until the first answer (or when it failed). */
  settings: SiteSettings | null;
  error: string | null;
  setSiteEnabled(enabled: boolean): void;
  setGlobalEnabled(enabled: boolean): void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
  const [settings, setSettings] = useState<SiteSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const askFor = host ?? location.host;

  useEffect(() => {
    const seq = ++latest.current;
    request({ type: 'getSiteSettings', host: askFor }).then(
      (answer) => {
        if (seq !== latest.current) return;
        setSettings(answer);
        setError(null);
      },
      (e: unknown) => {
        if (seq === latest.current) setError(`Could not read the settings. ${message(e)}`);
      },
    );
  }, [askFor, revision]);

  function change(optimistic: (s: SiteSettings) => SiteSettings, send: () => Promise<(s: SiteSettings) => SiteSettings>) {
    const before = settings;
    if (!before) return;
    const seq = ++latest.current;
    setError(null);
    setSettings(optimistic(before));
    send().then(
      (apply) => {
        if (seq === latest.current) setSettings((s) => (s ? apply(s) : s));
      },
      (e: unknown) => {
        if (seq !== latest.current) return;
        setSettings(before);
        setError(`The change was not saved. ${message(e)}`);
      },
    );
  }

  return {
    settings,
    error,
    setSiteEnabled(enabled) {
      if (host === null) return;
      change(
        (s) => ({ ...s, siteEnabled: enabled, enabled: enabled && s.globalEnabled }),
        async () => {
          const answer = await request({ type: 'setSiteSettings', host, enabled });
          return () => answer;
        },
      );
    },
    setGlobalEnabled(enabled) {
      change(
        (s) => ({ ...s, globalEnabled: enabled, enabled: enabled && s.siteEnabled }),
        async () => {
          const { globalEnabled } = await request({ type: 'setGlobalEnabled', enabled });
          return (s) => ({ ...s, globalEnabled, enabled: globalEnabled && s.siteEnabled });
        },
      );
    },
  };
}
