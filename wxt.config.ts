import { defineConfig } from 'wxt';

// Extension pages and the background may load only the extension's own
// scripts and may connect nowhere: Factlens makes no network requests, and
// this makes the browser enforce it for every extension context.
const EXTENSION_CSP = "script-src 'self'; object-src 'self'; connect-src 'none'";

export default defineConfig({
  // Explicit imports keep every file's dependencies visible.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Factlens',
    description: 'Facts next to the names you read: sourced cards for the people and organizations on a page.',
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Turn Factlens off or on for the current site',
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
