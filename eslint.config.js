import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layering of the guide: shared imports nothing of ours, core never Electron or React,
// the renderer reaches the core only through the API client.
const ours = (...dirs) => dirs.map((d) => `**/${d}/**`);
// Bare builtin names go in `paths` (exact), not in `patterns`, where 'util' would also match ./util/.
const BARE_BUILTINS = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'url', 'util', 'stream', 'zlib'];
const nodeBuiltins = ['node:*'];
const restrict = (patterns, message, { builtins = false } = {}) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [{ group: patterns, message }],
      paths: builtins ? BARE_BUILTINS.map((name) => ({ name, message })) : [],
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(
      [...ours('core', 'main', 'preload', 'renderer', 'server', 'cli'), ...nodeBuiltins, 'electron', 'react', 'react-dom', 'lexical', '@lexical/*', 'better-sqlite3', 'sharp', 'antd'],
      'src/shared is pure TypeScript: it may import zod and other shared modules only.',
      { builtins: true },
    ),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(
      // The federation's contract (shared/federation) is shared; the server (src/federation) is not.
      [...ours('main', 'preload', 'renderer', 'server', 'cli', 'federation'), '!**/shared/federation/**', 'electron', 'react', 'react-dom', 'lexical', '@lexical/*', 'antd'],
      'src/core imports src/shared and Node libraries, never Electron, React, a door or the federation server.',
    ),
  },
  {
    files: ['src/main/**/*.ts'],
    rules: restrict([...ours('renderer', 'preload', 'server', 'cli'), 'react', 'react-dom', 'lexical', '@lexical/*', 'antd'], 'src/main imports core and shared only.'),
  },
  {
    // The federation server reuses the pure engines of core (rules, dedupe, handbook, bundle reading),
    // never the desktop's SQLite library, and never Electron or React.
    files: ['src/federation/**/*.ts'],
    rules: restrict(
      [...ours('main', 'preload', 'renderer', 'server', 'cli'), '**/core/library/**', '**/core/db/**', '**/core/api/**', '**/core/sync/**', 'electron', 'react', 'react-dom', 'lexical', '@lexical/*', 'antd', 'better-sqlite3'],
      'src/federation imports shared and the pure engines of core only (see the architecture guide).',
    ),
  },
  {
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: restrict(
      [...ours('renderer', 'preload', 'main'), 'electron', 'react', 'react-dom', 'lexical', '@lexical/*', 'antd'],
      'The browser door and the CLI import core and shared only.',
    ),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict([...ours('shared', 'core', 'main', 'renderer', 'server', 'cli'), ...nodeBuiltins], 'The preload script imports electron only.', { builtins: true }),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...ours('core', 'main', 'preload', 'server', 'cli'), ...nodeBuiltins, 'electron', 'better-sqlite3', 'sharp'],
        'The renderer talks to the core only through the API client (src/shared).',
        { builtins: true },
      ),
    },
  },
  {
    // An async function given to onClick (or onOk, onConfirm…) drops its promise: a failure then
    // shows nowhere. Wrap it in useAsyncHandler (util/asyncHandler.ts). This rule needs the types,
    // so it reads tsconfig.web.json; only the renderer pays for that.
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-misused-promises': 'error' },
  },
);
