import { useId, useState } from 'preact/hooks';
import type { SiteRule } from '../../src/messages/protocol';
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
      setActionError(`Could not turn Factlens back on for ${host}: ${errorMessage(error)}`);
    }
  }

  return (
    <section aria-labelledby={headingId} data-testid="sites">
      <h2 id={headingId}>Sites</h2>
      <p class="hint">Factlens does not highlight anything on these sites. A pattern such as *.example.com also covers every subdomain.</p>
      {list.status === 'error' && (
        <p class="error" role="alert">
          Could not load the sites: {list.error}
        </p>
      )}
      {list.status === 'loading' && <p>Loading…</p>}
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
      setError(`Could not turn Factlens off for ${parsed.pattern}: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="add-site" onSubmit={(e) => void submit(e)} noValidate>
      <label for={inputId}>Turn off on</label>
      <input
        id={inputId}
        name="host"
        type="text"
        inputMode="url"
        autoComplete="off"
        spellcheck={false}
        placeholder="example.com or *.example.com"
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(e) => {
          setValue(e.currentTarget.value);
          if (error) setError(null);
        }}
      />
      <button type="submit" disabled={busy}>
        Add
      </button>
      {error && (
        <p id={errorId} class="error field-error" role="alert" data-testid="site-error">
          {error}
        </p>
      )}
    </form>
  );
}
