/**
 * `npm run build:server` output as `npm run hub` and an installed hub run it: plain Node, no tsx, with
 * the server modules still finding their files (the screens, the information pages, the demo site)
 * from dist-server/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { startHub, type HubProcess } from '../support/hub-process.js';

const outdir = join(process.cwd(), 'dist-server');
let hub: HubProcess;

beforeAll(async () => {
  const result = spawnSync(process.execPath, ['scripts/build-server.mjs'], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  hub = await startHub({ entry: 'compiled' });
}, 60_000);
afterAll(() => hub?.stop());

describe('the built office server', () => {
  it('keeps each server module’s own location, relative to dist-server/', () => {
    const main = readFileSync(join(outdir, 'main.js'), 'utf8');
    const moduleUrls = [...main.matchAll(/new URL\((".*?"), new URL\((".*?"), import\.meta\.url\)\.href\)/g)];
    expect(moduleUrls.length).toBeGreaterThan(0);
    const base = pathToFileURL(join(outdir, 'main.js'));
    for (const [, target, source] of moduleUrls) {
      const sourceUrl = new URL(z.string().parse(JSON.parse(source!)), base);
      expect(existsSync(fileURLToPath(sourceUrl)), `${source} exists`).toBe(true);
      const file = fileURLToPath(new URL(z.string().parse(JSON.parse(target!)), sourceUrl));
      expect(file.startsWith(process.cwd()), `${target} from ${source} stays inside the checkout`).toBe(true);
    }
  });

  it('leaves npm packages, native modules among them, to node_modules', () => {
    const main = readFileSync(join(outdir, 'main.js'), 'utf8');
    expect(main).toMatch(/from "better-sqlite3"/);
    expect(main).toMatch(/from "fastify"/);
    expect(main).not.toMatch(/node_modules\/fastify\/lib/);
  });

  it('runs as a demo hub with plain Node: the site and its information pages answer', async () => {
    expect(hub.child.spawnargs).not.toContain('tsx');
    const site = await fetch(`${hub.url}/api/site`);
    expect(site.status).toBe(200);
    const pages = await fetch(`${hub.url}/api/info/pages`);
    expect(pages.status).toBe(200);
    expect(await pages.json()).not.toEqual([]);
  });

  it('checks a site config file like the source does', () => {
    const result = spawnSync(process.execPath, ['dist-server/main.js', 'config', 'check', 'server/demo/site.json'], {
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('server/demo/site.json: valid');
  });
});
