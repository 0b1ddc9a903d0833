#!/usr/bin/env node
// `npm run build:electron`: bundles the shell with esbuild into dist-electron/.
//   electron/main.ts    → dist-electron/main.js     (ESM, Node platform; npm packages stay external,
//                                                     so native modules load from node_modules)
//   electron/preload.ts → dist-electron/preload.cjs (CommonJS, one self-contained file: a sandboxed
//                                                     preload may require nothing but 'electron')
// Works without the Electron binary (bundling needs only the `electron` package's types).
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist-electron');

/**
 * Server modules find their files next to their source (`new URL('./site.json', import.meta.url)`).
 * Bundled, every module would share main.js's URL; this rewrites each module's import.meta.url to
 * where its source sits relative to dist-electron/, so the paths stay right in the repo and inside a
 * packaged app (which keeps the same layout: dist-electron/, server/demo/, content/, dist/renderer/).
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
      const fromOutdir = relative(outdir, args.path).split('\\').join('/');
      return {
        contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOutdir)}, import.meta.url).href`),
        loader: 'ts',
      };
    });
  },
};

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
    plugins: [keepModuleUrls],
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
