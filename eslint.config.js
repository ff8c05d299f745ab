import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import wasl from './.eslint/plugin.js';

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
    files: ['electron/**/*.ts', 'db/**/*.ts', 'server/**/*.ts', 'tests/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only electron/main.ts and electron/preload.ts may import electron.', allowTypeImports: true }] },
      ],
    },
  },
  {
    // The layers' import boundaries and the message keys, on every file of the app (see .eslint/rules/).
    files: ['electron/**/*.ts', 'db/**/*.ts', 'server/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { wasl },
    rules: {
      'wasl/layers': 'error',
      'wasl/valid-i18n-keys': 'error',
    },
  },
  {
    // The renderer builds message keys from typed values (`t(`stage.${stage}`)`): the key rule reads
    // their types to check every key they can build.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { project: './tsconfig.renderer.json', tsconfigRootDir: import.meta.dirname } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
