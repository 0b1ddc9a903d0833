#!/usr/bin/env node
// `npm run build:electron`: bundles the shell with esbuild into dist-electron/.
//   electron/main.ts    → dist-electron/main.js     (ESM, Node platform; npm packages stay external,
//                                                     so native modules load from node_modules)
//   electron/preload.ts → dist-electron/preload.cjs (CommonJS, one self-contained file: a sandboxed
//                                                     preload may require nothing but 'electron')
// Works without the Electron binary (bundling needs only the `electron` package's types).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keepModuleUrls } from './keep-module-urls.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist-electron');

const started = Date.now();
await rm(outdir, { recursive: true, force: true });
const common = { absWorkingDir: root, bundle: true, sourcemap: 'linked', logLevel: 'warning', legalComments: 'none' };
await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/main.ts' },
    outdir,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    external: ['electron', 'electron-updater'],
    plugins: [keepModuleUrls(outdir)],
  }),
  build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    platform: 'browser',
    target: 'chrome130',
    minify: true, // zod is most of it; the preload is parsed on every page load
    external: ['electron'],
  }),
]);
console.log(`dist-electron/main.js and dist-electron/preload.cjs built in ${Date.now() - started} ms`);
