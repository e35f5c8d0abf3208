// `pnpm lint`: typescript-eslint with type information over every .ts file
// (sources, tests, scripts, root configs), and plain ESLint over the
// browser scripts in gateway/static. Generated code is not linted.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The browser globals gateway/static uses (no `globals` package needed for a dozen names). */
const browserGlobals = Object.fromEntries(
  [
    'window',
    'document',
    'location',
    'navigator',
    'sessionStorage',
    'crypto',
    'fetch',
    'Headers',
    'Element',
    'Option',
    'WebSocket',
    'URL',
    'URLSearchParams',
    'Intl',
    'console',
    'alert',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'requestAnimationFrame',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  {
    ignores: ['**/node_modules/**', '**/generated/**', '**/migrations/**', '.data/**', 'gateway/.federation-audit/**'],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are deliberate: a parameter a signature requires, a destructured-away field.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // A switch over a union must name every member (or end in a default).
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // `Array<Foo<Bar>>` reads better than `Foo<Bar>[]`; simple element types use `T[]`.
      '@typescript-eslint/array-type': ['error', { default: 'array-simple' }],
      // Async methods that implement a Promise-returning contract (buses, stores, Apollo
      // plugins, fakes in tests) read better as `async` than as Promise.resolve wrappers;
      // the promise bugs are caught by no-floating-promises, no-misused-promises and await-thenable.
      '@typescript-eslint/require-await': 'off',
      // A `let` that a closure reads before its one assignment (a fixture's clock) cannot be a `const`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // A type alias and an interface differ (only an alias gets an implicit index signature): the author picks.
      '@typescript-eslint/consistent-type-definitions': 'off',
      // Truthiness on strings (`v || d`, `v ? v : d`) is deliberate: an empty variable means unset.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // Empty functions here are deliberate no-ops (silent loggers, ignored callbacks, catch-alls).
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    // index.html loads graphql-ws's browser build (the `graphqlWs` global) before the page's modules.
    files: ['gateway/static/**/*.js'],
    languageOptions: { globals: { ...browserGlobals, graphqlWs: 'readonly' } },
  },
  {
    // GraphiQL's page loads React, ReactDOM and GraphiQL as plain scripts before this one.
    files: ['gateway/static/graphiql-init.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { React: 'readonly', ReactDOM: 'readonly', GraphiQL: 'readonly' },
    },
  },
);
