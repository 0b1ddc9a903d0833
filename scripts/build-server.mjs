#!/usr/bin/env node
// `npm run build:server`: bundles the office server's command line with esbuild, so a hub (and a kiosk
// agent outside Electron) runs precompiled JavaScript with plain `node`, not tsx.
//   server/cli/main.ts → dist-server/main.js (ESM, Node platform; npm packages stay external, so native
//                                              modules load from node_modules)
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keepModuleUrls } from './keep-module-urls.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist-server');

const started = Date.now();
await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'server/cli/main.ts' },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [keepModuleUrls(outdir)],
});
console.log(`dist-server/main.js built in ${Date.now() - started} ms`);
