import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

// What extension pages and the background may do, enforced by the browser.
// Only the extension's own scripts run, and nothing connects anywhere:
// Factlens makes no network requests. No plugins, no <base> that could
// redirect the pages' relative URLs, no form that submits anywhere (forms
// are handled in script), and no page may frame an extension page to
// trick a click on its switches. Firefox MV2 takes the same policy as a string.
const EXTENSION_CSP = [
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "connect-src 'none'",
].join('; ');

/**
 * The benchmark's build (bench/page-firefox.ts): FACTLENS_USER_TIMING=1 puts
 * User Timing measures around the content script's tasks
 * (overlay/user-timing.ts) and writes to .output/user-timing/, never over the
 * real build. A page can read those measures, so no other build has them.
 */
const USER_TIMING = process.env.FACTLENS_USER_TIMING === '1';

export default defineConfig({
  // Explicit imports keep every file's dependencies visible.
  imports: false,
  // WXT's content-script context announces itself to every page it starts
  // in; Factlens's own says nothing (entrypoints/content/quiet-context.ts).
  ...(USER_TIMING ? { outDir: '.output/user-timing' } : {}),
  vite: () => ({
    define: { __FACTLENS_USER_TIMING__: JSON.stringify(USER_TIMING) },
    resolve: {
      alias: [{ find: /^wxt\/utils\/content-script-context$/, replacement: resolve(import.meta.dirname, 'entrypoints/content/quiet-context.ts') }],
    },
  }),
  manifest: ({ browser }) => ({
    // The words are in public/_locales (README, Languages); the browser picks the reader's language.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // storage.sync carries the reader's settings to their other browsers; it
    // brings no install warning in either browser (README, "Permissions").
    permissions: ['storage'],
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandToggleSite__',
      },
    },
    ...(browser === 'firefox'
      ? {
          content_security_policy: EXTENSION_CSP,
          browser_specific_settings: {
            gecko: {
              id: 'factlens@factlens.dev',
              strict_min_version: '142.0',
              // Factlens sends nothing anywhere: it makes no network requests at all.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android runs WebExtensions; the same build installs there.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { content_security_policy: { extension_pages: EXTENSION_CSP } }),
  }),
  zip: {
    // .output/factlens-<version>-chrome.zip, …-firefox.zip and …-sources.zip.
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    // What Mozilla's reviewers need to rebuild the Firefox zip with
    // `npm ci && npm run build:firefox` (BUILDING.md), and nothing else:
    // tests, benchmarks and screenshots play no part in the build.
    excludeSources: ['bench/**', 'test/**', 'test-results/**', 'docs/screenshots/**', '.ci/**', 'tmp/**', 'coverage/**'],
  },
});
