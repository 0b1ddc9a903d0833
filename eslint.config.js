// ESLint flat config: type-aware TypeScript rules, React hooks, and the architecture's boundaries
// (docs/architecture.md "The rules that keep it simple"). Formatting is Prettier's job.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** Node's own modules, with or without the node: prefix, and their subpaths (fs/promises). */
const nodeBuiltin = new RegExp(
  `^(node:.+|(${[...new Set(builtinModules.map((name) => name.split('/')[0]))].join('|')})(/.*)?)$`,
);

/** Packages that only run in Node: browser code must not reach them even through a dependency. */
const nodeOnlyPackage =
  /^(better-sqlite3|serialport|@serialport\/.+|fastify|@fastify\/.+|pino|pino-pretty|ws|commander|@node-rs\/.+|@point-of-sale\/.+)(\/.*)?$/;

/** A relative import path into one of our top-level folders (`../../server/app.js`). */
const intoFolder = (...folders) => new RegExp(`^(\\.\\./)+(${folders.join('|')})/`);

const electronOnly = {
  source: /^electron(\/.*)?$/,
  message: 'Only electron/ imports electron: the server, hardware and screens run without it.',
};

/**
 * One ESLint block that refuses every import whose path matches a `source`, with that entry's message:
 * static imports and re-exports (type-only ones too), `import()`, `require()` and `import('…')` types.
 */
function boundary({ files, ignores = [], refuse }) {
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: refuse.map(({ source, message }) => ({ regex: source.source, message, caseSensitive: true })) },
      ],
      'no-restricted-syntax': [
        'error',
        ...refuse.flatMap(({ source, message }) => [
          { selector: `ImportExpression[source.value=${source}]`, message },
          { selector: `CallExpression[callee.name="require"][arguments.0.value=${source}]`, message },
          { selector: `TSImportType[argument.literal.value=${source}]`, message },
        ]),
      ],
    },
  };
}

const rawIpcMessage = 'Use the typed wrappers in electron/ipc-main.ts (main) and electron/preload.ts (bridge).';

/** What no file in renderer/ may import (each screen's block repeats it: a later block replaces the options). */
const rendererRefusals = [
  electronOnly,
  {
    source: nodeBuiltin,
    message: 'renderer/ runs in a browser: no Node modules. Ask the server through the typed client.',
  },
  {
    source: nodeOnlyPackage,
    message: 'renderer/ runs in a browser: no Node-only packages. Ask the server through the typed client.',
  },
  {
    source: intoFolder('server', 'hardware', 'electron'),
    message: 'renderer/ imports only contract/ and renderer/: reach the server through its HTTP API.',
  },
];

/** The screens, each its own page. */
const screens = ['kiosk', 'staff', 'display', 'reports', 'fleet'];

/**
 * The architecture's boundaries (docs/architecture.md), one block per folder. A file takes the rule
 * options of the last block that matches it, so every folder block repeats the electron refusal.
 */
const boundaries = [
  boundary({
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    // npm start and npm run dist ask the electron package for its binary's path (to launch it, to package it).
    ignores: ['electron/**', 'tests/electron/**', 'scripts/start.mjs', 'scripts/dist.mjs'],
    refuse: [electronOnly],
  }),
  boundary({
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    refuse: rendererRefusals,
  }),
  // Each screen is its own page: what two of them need lives in renderer/shared/.
  ...screens.map((screen) =>
    boundary({
      files: [`renderer/${screen}/**/*.{ts,tsx}`],
      refuse: [
        ...rendererRefusals,
        {
          source: new RegExp(`^(\\.\\./)+(${screens.filter((other) => other !== screen).join('|')})/`),
          message: `renderer/${screen}/ is one screen: it imports no other screen's folder. Move what both need to renderer/shared/.`,
        },
      ],
    }),
  ),
  boundary({
    files: ['server/**/*.ts'],
    refuse: [
      electronOnly,
      {
        source: /^(\.\.\/)+hardware\/(?!(types|kiosk-devices)(\.[jt]s)?$)/,
        message:
          'server/ reaches hardware/ only through hardware/types.ts and the device factory hardware/kiosk-devices.ts.',
      },
      {
        source: intoFolder('renderer', 'electron'),
        message: 'server/ runs in plain Node: it imports contract/, server/ and the hardware interface only.',
      },
    ],
  }),
  boundary({
    files: ['hardware/**/*.ts'],
    refuse: [
      electronOnly,
      {
        source: intoFolder('server', 'renderer', 'electron'),
        message: 'hardware/ knows devices only: no server, screens or shell (it may use contract/).',
      },
    ],
  }),
  boundary({
    files: ['contract/**/*.ts'],
    refuse: [
      electronOnly,
      {
        source: nodeBuiltin,
        message: 'contract/ is shared by the browser and Node: schemas and types only, no Node modules.',
      },
      {
        source: nodeOnlyPackage,
        message: 'contract/ is shared by the browser and Node: schemas and types only, no Node-only packages.',
      },
      {
        source: intoFolder('server', 'hardware', 'renderer', 'electron', 'tests', 'bench', 'scripts', 'locales'),
        message: 'contract/ depends on nothing of ours: every other part depends on it.',
      },
    ],
  }),
  {
    // Raw IPC only where it is wrapped: one channel map, typed wrappers, a sender check on every handler.
    files: ['electron/**/*.ts'],
    ignores: ['electron/preload.ts', 'electron/ipc-main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcRenderer', 'ipcMain'], message: rawIpcMessage }] },
      ],
      'no-restricted-syntax': [
        'error',
        // `electron.ipcMain`, `(await import('electron')).ipcMain`, `const { ipcMain } = …`
        { selector: 'MemberExpression[property.name=/^ipc(Main|Renderer)$/]', message: rawIpcMessage },
        { selector: 'ObjectPattern > Property[key.name=/^ipc(Main|Renderer)$/]', message: rawIpcMessage },
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
      'dist-server/',
      'release/',
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
      // Playwright fixtures must destructure their first parameter, even one that uses no fixture: `({}, use)`.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
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
