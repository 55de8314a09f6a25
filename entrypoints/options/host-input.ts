import { hostPattern } from '../../src/messages/protocol';
import { siteHost } from '../../src/site-host';
import { t } from '../../utils/i18n';

export type HostInput = { ok: true; pattern: string } | { ok: false; error: string };


/**
 * What the user typed, as a host pattern the background accepts: the same
 * `hostPattern` schema the protocol validates with. A pasted address
 * ("https://example.com/page") becomes its host, and the host is written as
 * settings key sites (siteHost): lower case, no trailing dot, no port.
 */
export function parseHostInput(input: string): HostInput {
  let value = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      value = new URL(value).host;
    } catch {
      // Not a URL after all: validated as typed.
    }
  }
  value = siteHost(value);
  if (value === '' || value === '*.') return { ok: false, error: t('hostHint') };
  const parsed = hostPattern.safeParse(value);
  if (!parsed.success) return { ok: false, error: t('hostInvalid', value, t('hostHint')) };
  return { ok: true, pattern: parsed.data };
}
