import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SiteRule } from '../../src/messages/protocol';
import { request } from '../../utils/messaging';
import { parseHostInput } from './host-input';
import { errorMessage } from '../../utils/request-error';
import { useBroadcast } from '../../utils/use-broadcasts';

/** The sites Factlens is turned off on, and a form to turn it off on another. */
export function SitesSection() {
  const [sites, setSites] = useState<SiteRule[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const load = useCallback(() => {
    request({ type: 'listSites' }).then(
      (rules) => {
        setSites(rules);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(`Could not load the sites: ${errorMessage(error)}`),
    );
  }, []);
  useEffect(load, [load]);
  useBroadcast('settingsChanged', load);

  async function turnOn(host: string) {
    setActionError(null);
    try {
      await request({ type: 'setSiteSettings', host, enabled: true });
      load();
    } catch (error) {
      setActionError(`Could not turn Factlens back on for ${host}: ${errorMessage(error)}`);
    }
  }

  return (
    <section aria-labelledby="sites-heading" data-testid="sites">
      <h2 id="sites-heading">Sites</h2>
      <p class="hint">Factlens does not highlight anything on these sites. A pattern such as *.example.com also covers every subdomain.</p>
      {loadError && (
        <p class="error" role="alert">
          {loadError}
        </p>
      )}
      {sites === null && !loadError && <p>Loading…</p>}
      {sites && sites.length === 0 && <p class="empty">Factlens is on for every site.</p>}
      {sites && sites.length > 0 && (
        <ul class="site-list" aria-label="Sites Factlens is turned off on">
          {sites.map((site) => (
            <li key={site.host} data-host={site.host}>
              <span class="host">{site.host}</span>
              <button type="button" onClick={() => void turnOn(site.host)} aria-label={`Remove ${site.host}`}>
                Remove
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
      setError(`Could not turn Factlens off for ${parsed.pattern}: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="add-site" onSubmit={(e) => void submit(e)} noValidate>
      <label for="add-site-host">Turn off on</label>
      <input
        id="add-site-host"
        name="host"
        type="text"
        inputMode="url"
        autoComplete="off"
        spellcheck={false}
        placeholder="example.com or *.example.com"
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'add-site-error' : undefined}
        onInput={(e) => {
          setValue(e.currentTarget.value);
          if (error) setError(null);
        }}
      />
      <button type="submit" disabled={busy}>
        Add
      </button>
      {error && (
        <p id="add-site-error" class="error field-error" role="alert" data-testid="site-error">
          {error}
        </p>
      )}
    </form>
  );
}
