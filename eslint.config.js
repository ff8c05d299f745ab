import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node built-ins, by their bare and `node:` names: the renderer must never reach for them. */
const NODE_BUILTINS = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'util', 'stream', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', '.native/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Only the shell touches Electron: everything else runs and is tested under plain Node.
    files: ['electron/**/*.ts', 'db/**/*.ts', 'tests/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only electron/main.ts and electron/preload.ts may import electron.', allowTypeImports: true }] },
      ],
    },
  },
  {
    // The api contract is shared with the renderer: browser-safe code only.
    files: ['electron/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...NODE_BUILTINS],
          patterns: [
            { group: ['node:*'], message: 'The api contract runs in the renderer too.' },
            { group: ['**/services/**', '**/hosts/**', '**/db/**'], message: 'The api contract depends on nothing but itself.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer knows one thing: the typed api.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...NODE_BUILTINS],
          patterns: [
            { group: ['node:*'], message: 'The renderer is browser code.' },
            { group: ['**/db/**', '**/electron/services/**', '**/electron/hosts/**', '**/electron/security/**'], message: 'The renderer talks to the app through the api only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
