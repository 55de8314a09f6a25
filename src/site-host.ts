/**
 * The form a site's host takes wherever a site setting is stored or looked
 * up: lower case, no trailing dot, no port. "News.Example.com.:8080" and
 * "news.example.com" are one site to the reader, so they must be one site to
 * the settings; otherwise a page could escape a setting by adding a dot or a
 * port to its address. A pattern's "*." is kept, and an IPv6 literal keeps
 * its brackets.
 */
export function siteHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(0, end + 1) : h;
  }
  // Outside brackets a colon can only start a port.
  const colon = h.indexOf(':');
  if (colon >= 0) h = h.slice(0, colon);
  return h.replace(/\.+$/, '');
}

/** The site of an address, or null when it has no host (about:, data:, a malformed URL). */
export function siteOfUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const host = siteHost(new URL(url).host);
    return host === '' ? null : host;
  } catch {
    return null;
  }
}
