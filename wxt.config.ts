import { defineConfig } from 'wxt';

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
          browser_specific_settings: {
            gecko: {
              id: 'factlens@factlens.dev',
              strict_min_version: '142.0',
              // Factlens sends nothing anywhere: it makes no network requests at all.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
