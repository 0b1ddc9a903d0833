// ESLint flat config: type-aware TypeScript rules, React hooks, and the architecture's boundaries
// (docs/architecture.md "The rules that keep it simple"). Formatting is Prettier's job.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Packages that only run in Node: the renderer must not reach them even through a dependency. */
const nodeOnlyPackages = [
  'better-sqlite3',
  'serialport',
  '@serialport/*',
  'fastify',
  '@fastify/*',
  'pino',
  'pino-pretty',
  'ws',
  'commander',
  '@node-rs/*',
  '@point-of-sale/*',
];

const electronOnly = {
  name: 'electron',
  message: 'Only electron/ imports electron: the server, hardware and screens run without it.',
};

/** What no file in renderer/ may import (repeated in each screen's block: a later block replaces the rule's options). */
const rendererPatterns = [
  {
    group: [...nodeModules, ...nodeOnlyPackages],
    message: 'renderer/ runs in a browser: no Node modules. Ask the server through the typed client.',
  },
  {
    group: ['**/server/**', '**/hardware/**', '**/electron/**'],
    message: 'renderer/ imports only contract/ and renderer/: reach the server through its HTTP API.',
  },
];

/** The screens, each its own page. What two of them need lives in renderer/shared/. */
const screens = ['kiosk', 'staff', 'display', 'reports'];

/** Boundaries, one block per folder. Each names what the folder may not import and why. */
const boundaries = [
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly], patterns: rendererPatterns }] },
  },
  ...screens.map((screen) => ({
    files: [`renderer/${screen}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            ...rendererPatterns,
            {
              group: screens.filter((other) => other !== screen).map((other) => `**/${other}/**`),
              message: `renderer/${screen}/ is one screen: it imports no other screen's folder. Move what both need to renderer/shared/.`,
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              group: ['**/hardware/**', '!**/hardware/types.js', '!**/hardware/kiosk-devices.js'],
              message:
                'server/ reaches hardware/ only through hardware/types.ts and the device factory hardware/kiosk-devices.ts.',
            },
            {
              group: ['**/renderer/**', '**/electron/**'],
              message: 'server/ runs in plain Node: it imports contract/, server/ and the hardware interface only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['hardware/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              group: ['**/server/**', '**/renderer/**', '**/electron/**'],
              message: 'hardware/ knows devices only: no server, screens or shell (it may use contract/).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              group: [...nodeModules, ...nodeOnlyPackages],
              message: 'contract/ is shared by the browser and Node: schemas and types only, no Node modules.',
            },
            {
              group: ['**/server/**', '**/hardware/**', '**/renderer/**', '**/electron/**'],
              message: 'contract/ depends on nothing of ours: every other part depends on it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.ts'],
    ignores: ['tests/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly] }] },
  },
  {
    // Raw IPC only where it is wrapped: one channel map, typed wrappers, a sender check on every handler.
    files: ['electron/**/*.ts'],
    ignores: ['electron/preload.ts', 'electron/ipc-main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcRenderer', 'ipcMain'],
              message: 'Use the typed wrappers in electron/ipc-main.ts (main) and electron/preload.ts (bridge).',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'bench/results/',
      'test-results/',
      'playwright-report/',
      'content/',
      'tests/lint/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The three TypeScript projects npm test type-checks: Node code, the screens, the browser tests.
        project: ['tsconfig.json', 'renderer/tsconfig.json', 'tsconfig.browser-tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      eqeqeq: ['error', 'always'],
      // fastify handlers are async by convention (a returned value is the answer) with or without an await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  ...boundaries,
  prettier,
);
