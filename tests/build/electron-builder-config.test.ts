/**
 * build/electron-builder.yml, checked by electron-builder's own loader and schema and read as YAML: the installers a
 * release produces, what goes into them and the production fuses. A change to any of these changes
 * what is installed on every kiosk, so it is made here on purpose or not at all.
 */
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { existsSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { minimatch } from 'minimatch';
import { z } from 'zod';

const targets = z.array(z.union([z.string(), z.object({ target: z.string() }).transform(({ target }) => target)]));
const builderConfig = z.object({
  files: z.array(z.string()),
  extraResources: z.array(z.object({ from: z.string(), to: z.string() })).default([]),
  asar: z.boolean(),
  npmRebuild: z.boolean(),
  electronFuses: z.record(z.string(), z.boolean()),
  linux: z.object({ target: targets }),
  win: z.object({ target: targets }),
  publish: z.object({ provider: z.string(), url: z.string() }),
});
const config = builderConfig.parse(load(readFileSync('build/electron-builder.yml', 'utf8')));

/** electron-builder's `files` rule: patterns in order, the last one that matches decides. */
function packaged(path: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    const exclude = pattern.startsWith('!');
    if (minimatch(path, exclude ? pattern.slice(1) : pattern, { dot: true })) included = !exclude;
  }
  return included;
}

describe('build/electron-builder.yml', () => {
  it('is accepted by electron-builder itself: read by its loader, checked against its schema', async () => {
    const loaded = await getConfig(process.cwd(), 'build/electron-builder.yml', null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    expect(loaded.appId).toBe('uk.gov.council.reception-kiosk');
  });

  it('makes a Linux AppImage and deb and a Windows NSIS installer', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toEqual(expect.arrayContaining(['nsis']));
  });

  it('packs the built shell, the screens, the content and the translations, and no sources or source maps', () => {
    const { main } = z.object({ main: z.string() }).parse(JSON.parse(readFileSync('package.json', 'utf8')));
    for (const path of [
      'package.json',
      main,
      'dist-electron/preload.cjs',
      'dist/renderer/kiosk.html',
      'dist/renderer/assets/kiosk-a1b2c3.js',
      'content/info/council-tax.md',
      'locales/languages.json',
      'locales/pl/kiosk.json',
      'server/demo/site.json',
    ])
      expect(packaged(path), `${path} is packaged`).toBe(true);
    for (const path of [
      'dist-electron/main.js.map',
      'dist/renderer/assets/kiosk-a1b2c3.js.map',
      'server/app.ts',
      'electron/main.ts',
      'contract/queue.ts',
      'tests/electron/build.test.ts',
      'bench/office.bench.ts',
      'scripts/dist.mjs',
    ])
      expect(packaged(path), `${path} is left out`).toBe(false);
  });

  it('ships the OS lockdown files with every build', () => {
    expect(config.extraResources).toContainEqual({ from: 'build/linux', to: 'linux' });
    for (const { from } of config.extraResources) expect(existsSync(from), `${from} exists`).toBe(true);
  });

  it('burns in the production fuses: no running as Node, cookies encrypted, only the integrity-checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });

  it('rebuilds the native modules (better-sqlite3, serialport) for Electron', () => {
    expect(config.npmRebuild).toBe(true);
  });

  it('publishes updates for the generic provider (any web server on the council network)', () => {
    expect(config.publish.provider).toBe('generic');
    expect(config.publish.url).toMatch(/^https:\/\//);
  });
});
