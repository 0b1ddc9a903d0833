/**
 * `npm run build:electron` output as Electron will load it: a sandboxed preload can require nothing
 * but 'electron' (anything else fails only at runtime, in a window, on a kiosk), and the server
 * modules' file paths still point at real files after bundling.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const outdir = join(process.cwd(), 'dist-electron');

beforeAll(() => {
  const result = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}, 60_000);

describe('the built shell', () => {
  it('has a preload that requires only electron, as a sandboxed preload must', () => {
    const preload = readFileSync(join(outdir, 'preload.cjs'), 'utf8');
    const required = new Set([...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]));
    expect([...required]).toEqual(['electron']);
    expect(preload).not.toMatch(/\bimport\s*\(|from\s*["']node:/);
  });

  it("keeps each server module's own location, so its data files are found", () => {
    const main = readFileSync(join(outdir, 'main.js'), 'utf8');
    const moduleUrls = [...main.matchAll(/new URL\((".*?"), new URL\((".*?"), import\.meta\.url\)\.href\)/g)];
    expect(moduleUrls.length).toBeGreaterThan(0);
    const base = pathToFileURL(join(outdir, 'main.js'));
    for (const [, target, source] of moduleUrls) {
      const sourceUrl = new URL(JSON.parse(source!) as string, base);
      expect(existsSync(fileURLToPath(sourceUrl)), `${source} exists`).toBe(true);
      const file = fileURLToPath(new URL(JSON.parse(target!) as string, sourceUrl));
      // content/info and dist/renderer may not be built or written yet; their parent folder must be the repo's.
      expect(file.startsWith(process.cwd()), `${target} from ${source} stays inside the app`).toBe(true);
    }
    expect(main).toContain('new URL("./site.json", new URL("../server/demo/seed.ts", import.meta.url).href)');
    expect(existsSync(join(process.cwd(), 'server/demo/site.json'))).toBe(true);
  });

  it('leaves npm packages (native modules among them) and electron to be loaded at run time', () => {
    const main = readFileSync(join(outdir, 'main.js'), 'utf8');
    expect(main).toMatch(/from "better-sqlite3"/);
    expect(main).toMatch(/from "electron"/);
    expect(main).not.toMatch(/node_modules\/better-sqlite3\/lib/);
  });
});
