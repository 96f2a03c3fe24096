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
        { selector: "CallExpression[callee.object.name=/^(DateTime|luxon)$/][callee.property.name=/^(local|utc)$/][arguments.length=0]", message: 'src/shared is pure: pass the time in.' },
        { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'src/shared is pure: no clock reads.' },
        { selector: "MemberExpression[object.name='process']", message: 'src/shared is pure: no process state.' },
      ],
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'http', 'https', 'net', 'undici', '*/bot/*', '*/tab/*'] }],
    },
  },
);
