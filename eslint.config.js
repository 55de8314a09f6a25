// ESLint over every TypeScript file: typescript-eslint's rules that need no
// type information (tsc already checks types, and stays the one type check),
// sorted imports, and the boundary that keeps src/ a pure core.
import js from '@eslint/js';
import perfectionist from 'eslint-plugin-perfectionist';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'test/fixtures/', 'test/browser/fixtures/', 'coverage/', 'bench/out/', 'bench/tmp/', 'tmp/'],
  },
  {
    files: ['**/*.{js,ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { perfectionist },
    rules: {
      // Packages, then the project's own modules, in one block without blank
      // lines. Imports for their side effects (CSS, fake-indexeddb/auto) stay
      // where they are, since their order can matter.
      'perfectionist/sort-imports': ['error', { groups: ['builtin', 'external', 'unknown'], newlinesBetween: 0 }],
      // Inside the braces: values, then types, each alphabetical.
      'perfectionist/sort-named-imports': ['error', { groups: ['value-import', 'type-import'] }],
      'perfectionist/sort-named-exports': ['error', { groups: ['value-export', 'type-export'] }],
      'perfectionist/sort-exports': 'error',
      // Type-only imports are erased, so a module imported only for its types is never loaded.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always'],
      // `let [built, first] = …` where only one is reassigned stays one declaration.
      'prefer-const': ['error', { destructuring: 'all' }],
      'no-throw-literal': 'error',
      'object-shorthand': 'error',
      'prefer-template': 'error',
    },
  },
  {
    // The pure core runs in Node for tests and benchmarks: no DOM, no extension API, no UI.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/entrypoints/**', '**/overlay/**', '**/components/**', '**/utils/**'], message: 'src/ is the pure core: it may not import the extension code that uses it.' },
            { group: ['wxt', 'wxt/**', '@wxt-dev/**', 'preact', 'preact/**', 'dexie'], message: 'src/ is the pure core: no extension API, UI or storage library.' },
          ],
        },
      ],
    },
  },
);
