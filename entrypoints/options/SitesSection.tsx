import { useId, useState } from 'preact/hooks';
import type { SiteRule } from '../../src/messages/protocol';
import { t } from '../../utils/i18n';
import { request } from '../../utils/messaging';
import { errorMessage } from '../../utils/request-error';
import { useBroadcast } from '../../utils/use-broadcasts';
import { useRequest } from '../../utils/use-request';
import { parseHostInput } from './host-input';

// The background keeps a rule only for a site turned off, and lists them by host.
const loadSites = (): Promise<SiteRule[]> => request({ type: 'listSites' });

/** The sites Factlens is turned off on, and a form to turn it off on another. */
export function SitesSection() {
  const list = useRequest(loadSites, []);
  const [actionError, setActionError] = useState<string | null>(null);
  const headingId = useId();
  const load = list.reload;
  useBroadcast('settingsChanged', load);
  const sites = list.status === 'ready' ? list.value : null;

  async function turnOn(host: string) {
    setActionError(null);
    try {
      await request({ type: 'setSiteSettings', host, enabled: true });
      load();
    } catch (error) {
      setActionError(t('sitesTurnOnError', host, errorMessage(error)));
    }
  }

  return (
    <section aria-labelledby={headingId} data-testid="sites">
      <h2 id={headingId}>{t('sitesHeading')}</h2>
      <p class="hint">{t('sitesHint')}</p>
      {list.status === 'error' && (
        <p class="error" role="alert">
          {t('sitesLoadError', list.error)}
        </p>
      )}
      {list.status === 'loading' && <p>{t('loading')}</p>}
      {sites && sites.length === 0 && <p class="empty">{t('sitesAllOn')}</p>}
      {sites && sites.length > 0 && (
        <ul class="site-list" aria-label={t('sitesListLabel')}>
          {sites.map((site) => (
            <li key={site.host} data-host={site.host}>
              <span class="host">{site.host}</span>
              <button type="button" onClick={() => void turnOn(site.host)} aria-label={t('actionRemoveNamed', site.host)}>
                {t('actionRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {actionError && (
        <p class="error" role="alert">
          {actionError}
        </p>
      )}
      <AddSiteForm onAdded={load} />
    </section>
  );
}

function AddSiteForm({ onAdded }: { onAdded: () => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: Event) {
    event.preventDefault();
    const parsed = parseHostInput(value);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await request({ type: 'setSiteSettings', host: parsed.pattern, enabled: false });
      setValue('');
      onAdded();
    } catch (e) {
      setError(t('sitesTurnOffError', parsed.pattern, errorMessage(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="add-site" onSubmit={(e) => void submit(e)} noValidate>
      <label for={inputId}>{t('sitesTurnOffOn')}</label>
      <input
        id={inputId}
        name="host"
        type="text"
        inputMode="url"
        autoComplete="off"
        spellcheck={false}
        placeholder={t('sitesPlaceholder')}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(e) => {
          setValue(e.currentTarget.value);
          if (error) setError(null);
        }}
      />
      <button type="submit" disabled={busy}>
        {t('sitesAdd')}
      </button>
      {error && (
        <p id={errorId} class="error field-error" role="alert" data-testid="site-error">
          {error}
        </p>
      )}
    </form>
  );
}
