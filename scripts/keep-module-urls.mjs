// An esbuild plugin shared by the bundles that contain server modules (scripts/build-electron.mjs,
// scripts/build-server.mjs).
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

/**
 * Server modules find their files next to their source (`new URL('./site.json', import.meta.url)`).
 * Bundled, every module would share the bundle's URL; this rewrites each module's import.meta.url to
 * where its source sits relative to `outdir`, so the paths stay right in the repo and inside a
 * packaged app (which keeps the same layout: dist-electron/, dist-server/, server/demo/, content/,
 * dist/renderer/).
 * @param {string} outdir the bundle's output folder (absolute)
 * @returns {import('esbuild').Plugin}
 */
export function keepModuleUrls(outdir) {
  return {
    name: 'keep-module-urls',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
        const fromOutdir = relative(outdir, args.path).split('\\').join('/');
        return {
          contents: source.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(fromOutdir)}, import.meta.url).href`,
          ),
          loader: 'ts',
        };
      });
    },
  };
}
