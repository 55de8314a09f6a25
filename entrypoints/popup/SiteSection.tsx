import { useId } from 'preact/hooks';
import { Switch } from '../../components/Switch';
import { siteHost } from '../../src/site-host';
import { t } from '../../utils/i18n';
import { pageInfoOf, type PageState } from './use-page-info';
import { useSiteSettings } from './use-site-settings';

/** "Current site": whether Factlens shows on this tab's site, and the global switch. */
export function SiteSection({ page, revision }: { page: PageState; revision: number }) {
  const headingId = useId();
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId} class="panel-title">
        {t('popupCurrentSite')}
      </h2>
      {page.status === 'loading' ? (
        <p class="status" role="status">
          {t('popupCheckingPage')}
        </p>
      ) : (
        <SiteSwitches host={siteOf(page)} revision={revision} />
      )}
    </section>
  );
}

/** The site the tab shows, in the form settings are keyed by, or null when Factlens does not run there. */
function siteOf(page: PageState): string | null {
  const host = pageInfoOf(page)?.host;
  return host === undefined ? null : siteHost(host);
}

function SiteSwitches({ host, revision }: { host: string | null; revision: number }) {
  const { settings, error, setSiteEnabled, setGlobalEnabled } = useSiteSettings({ host, revision });
  const noteId = useId();
  const globalOff = settings !== null && !settings.globalEnabled;
  return (
    <>
      {host === null && (
        <p class="status" data-testid="not-running">
          {t('popupNotRunning')}
        </p>
      )}
      {settings && host !== null && (
        <Switch
          testId="site-toggle"
          label={t('popupShowOnSite', host)}
          checked={settings.siteEnabled}
          disabled={globalOff}
          describedBy={globalOff ? noteId : undefined}
          onChange={setSiteEnabled}
        />
      )}
      {settings && (
        <Switch testId="global-toggle" label={t('popupOnEverywhere')} checked={settings.globalEnabled} onChange={setGlobalEnabled} />
      )}
      {globalOff && (
        <p id={noteId} class="note" data-testid="global-off-note">
          {t('popupGlobalOffNote')}
        </p>
      )}
      {error && (
        <p class="status error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
