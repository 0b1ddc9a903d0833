import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseShellConfig } from '../../electron/config/shell-config.js';
import { connectToServer, withNativeModuleHint, type ServerConnection } from '../../electron/server-connection.js';

/** A small real site (the shell does not care which services it has, only that it is valid). */
const site = {
  site: { id: 'guildhall', name: 'Guildhall reception', councilName: 'Test City Council' },
  services: [
    { id: 'housing', name: 'Housing', prefix: 'H' },
    { id: 'council-tax', name: 'Council Tax', prefix: 'C' },
  ],
  desks: [{ id: 'desk-1', name: 'Desk 1' }],
  kiosks: [{ id: 'kiosk-1', name: 'Entrance kiosk' }],
};
const logger = pino({ level: 'silent' });
let dir: string;
let connection: ServerConnection | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-server-'));
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site));
});
afterEach(async () => {
  await connection?.close();
  connection = null;
  rmSync(dir, { recursive: true, force: true });
});

function shellConfig(raw: object) {
  const file = join(dir, 'shell.json');
  writeFileSync(file, JSON.stringify(raw));
  return parseShellConfig(raw, file);
}

describe('the server a shell window shows', () => {
  it('runs the office server in-process from the site config, with its SQLite file in the data folder, and stops it', async () => {
    const config = shellConfig({
      role: 'kiosk',
      kioskId: 'kiosk-1',
      server: { mode: 'embedded', siteConfig: 'site.json', dataDir: 'data' },
    });
    connection = await connectToServer({
      config,
      logger,
      defaultDataDir: join(dir, 'unused'),
      rendererDir: join(process.cwd(), 'dist/renderer'),
    });
    expect(connection.mode).toBe('embedded');
    expect(connection.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const services = await fetch(`${connection.origin}/api/services`);
    expect(services.status).toBe(200);
    expect(((await services.json()) as { id: string }[]).map((s) => s.id)).toEqual(['housing', 'council-tax']);
    expect(readFileSync(join(dir, 'data', 'reception.sqlite')).length).toBeGreaterThan(0);

    await connection.close();
    const origin = connection.origin;
    connection = null;
    await expect(fetch(`${origin}/api/services`)).rejects.toThrow();
  });

  it('refuses a kiosk id the site does not have, naming the field', async () => {
    const config = shellConfig({
      role: 'kiosk',
      kioskId: 'kiosk-9',
      server: { mode: 'embedded', siteConfig: 'site.json', dataDir: 'data' },
    });
    await expect(connectToServer({ config, logger, defaultDataDir: dir, rendererDir: dir })).rejects.toThrow(
      '"kioskId": "kiosk-9" is not one of the site\'s kiosks (kiosk-1)',
    );
  });

  it('refuses a broken site config with the same field names as `npm run config -- check`', async () => {
    writeFileSync(
      join(dir, 'site.json'),
      JSON.stringify({ site: { id: 'Bad Id', name: 'x', councilName: 'y' }, services: [], desks: [] }),
    );
    const config = shellConfig({
      role: 'display',
      server: { mode: 'embedded', siteConfig: 'site.json', dataDir: 'data' },
    });
    const failure = connectToServer({ config, logger, defaultDataDir: dir, rendererDir: dir });
    await expect(failure).rejects.toThrow(/site\.id/);
    await expect(failure).rejects.toThrow(/npm run config -- check/);
  });

  it('says how to join the hub when a kiosk agent starts on a machine that never joined', async () => {
    const config = shellConfig({ role: 'kiosk', kioskId: 'kiosk-1', server: { mode: 'agent', dataDir: 'agent' } });
    await expect(connectToServer({ config, logger, defaultDataDir: dir, rendererDir: dir })).rejects.toThrow(
      /has not joined a hub yet.*npm run fleet -- enrol/,
    );
  });

  it('points at a site hub without starting anything', async () => {
    const config = shellConfig({
      role: 'display',
      server: { mode: 'hub', url: 'https://hub.mandela.council.internal:8443/ignored/path' },
    });
    connection = await connectToServer({ config, logger, defaultDataDir: dir, rendererDir: dir });
    expect(connection).toMatchObject({ mode: 'hub', origin: 'https://hub.mandela.council.internal:8443' });
  });

  it('explains a native module built for the wrong runtime', () => {
    const hinted = withNativeModuleHint(
      new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.'),
    );
    expect(String(hinted)).toMatch(/@electron\/rebuild/);
    const other = new Error('EADDRINUSE');
    expect(withNativeModuleHint(other)).toBe(other);
  });
});
