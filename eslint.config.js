// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**', 'appPackage/build/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The Graph SDK stays inside the Graph adapters: use cases talk to ports, never to Graph.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/bot/graph/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@microsoft/microsoft-graph-client', message: 'Only src/bot/graph may use the Graph SDK: add a port (src/bot/ports.ts) instead.' }] },
      ],
    },
  },
  {
    // REST routes and bot handlers stay thin: they call use cases, never adapters.
    files: ['src/bot/http/**/*.ts', 'src/bot/teams/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@microsoft/microsoft-graph-client', message: 'Only src/bot/graph may use the Graph SDK.' }],
          patterns: [{ group: ['**/graph/*', '**/storage/*'], message: 'Routes and handlers call a use case (src/bot/use-cases.ts), never an adapter.' }],
        },
      ],
    },
  },
  {
    // The domain core is pure: no clock reads, no I/O.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'src/shared is pure: pass the time in.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/shared is pure: pass the time in.' },
        // Date() without `new` returns the current time as a string, whatever its arguments.
        { selector: "CallExpression[callee.name='Date']", message: 'src/shared is pure: pass the time in.' },
        { selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']", message: 'src/shared is pure: pass the time in.' },
        {
          selector: 'CallExpression[callee.object.name=/^(DateTime|luxon)$/][callee.property.name=/^(local|utc)$/][arguments.length=0]',
          message: 'src/shared is pure: pass the time in.',
        },
        { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'src/shared is pure: no clock reads.' },
        { selector: "MemberExpression[object.name='process']", message: 'src/shared is pure: no process state.' },
      ],
      'no-restricted-imports': ['error', { paths: ['@microsoft/microsoft-graph-client'], patterns: ['node:*', 'fs', 'http', 'https', 'net', 'undici', '*/bot/*', '*/tab/*'] }],
    },
  },
);
