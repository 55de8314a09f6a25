import { resolve } from 'node:path';

/** The 20 saved real pages (test/fixtures/real-pages/README.md says where they come from). */
export const REAL_PAGES_DIR = resolve(import.meta.dirname, '../../test/fixtures/real-pages');

/**
 * Served with every real page: page scripts and off-host loads are blocked,
 * so the DOM is exactly the parsed HTML (deterministic to compare) and loads
 * do not wait on hosts that cannot be reached here.
 */
export const NO_PAGE_SCRIPTS = { 'content-security-policy': "default-src 'self' data: 'unsafe-inline'; script-src 'none'" };
