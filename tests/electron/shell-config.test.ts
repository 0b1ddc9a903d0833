import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  demoShellConfig,
  loadShellConfig,
  parseShellConfig,
  readShellConfigFile,
  ShellConfigError,
} from '../../electron/config/shell-config.js';
import { planWindow } from '../../electron/config/window-plan.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(raw: unknown): string[] {
  try {
    parseShellConfig(raw, 'shell.json');
  } catch (error) {
    if (error instanceof ShellConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('shell config', () => {
  it('accepts a kiosk pointing at its site hub, filling the defaults', () => {
    const config = parseShellConfig(
      { role: 'kiosk', kioskId: 'mandela-1', server: { mode: 'hub', url: 'https://hub.council.internal:8443' } },
      'shell.json',
    );
    expect(config.devTools).toBe(false);
    expect(config.permissions).toEqual(['fullscreen']);
    expect(config.watchdog).toEqual({
      heartbeatTimeoutSeconds: 30,
      unresponsiveGraceSeconds: 10,
      maxBackoffSeconds: 60,
    });
  });

  it('resolves file paths relative to the config file', () => {
    const config = parseShellConfig(
      { role: 'kiosk', kioskId: 'k1', server: { mode: 'embedded', siteConfig: 'site.json', dataDir: '../data' } },
      '/etc/kiosk/shell.json',
    );
    expect(config.server).toMatchObject({
      siteConfig: '/etc/kiosk/site.json',
      dataDir: '/etc/data',
      host: '127.0.0.1',
      port: 0,
    });
  });

  it('runs a kiosk agent in-process, its data folder relative to the config file', () => {
    const config = parseShellConfig(
      { role: 'kiosk', kioskId: 'k1', server: { mode: 'agent', dataDir: 'agent-data' } },
      '/etc/kiosk/shell.json',
    );
    expect(config.server).toEqual({ mode: 'agent', dataDir: '/etc/kiosk/agent-data', port: 0 });
    expect(problemsOf({ role: 'display', server: { mode: 'agent' } })).toEqual([
      '"server.mode": only a kiosk runs a kiosk agent: a desk or display uses "hub"',
    ]);
  });

  it.each([
    [
      'a kiosk without its id',
      { role: 'kiosk', server: { mode: 'hub', url: 'http://hub:8080' } },
      '"kioskId": required when "role" is "kiosk"',
    ],
    ['an unknown role', { role: 'tablet', server: { mode: 'hub', url: 'http://hub:8080' } }, '"role"'],
    [
      'a hub URL that is not http(s)',
      { role: 'display', server: { mode: 'hub', url: 'ftp://hub/' } },
      '"server.url": must be an http:// or https:// URL',
    ],
    [
      'a hub that does not run the server',
      { role: 'hub', server: { mode: 'hub', url: 'http://hub:8080' } },
      '"server.mode": a hub runs the server itself',
    ],
    [
      'an embedded server with no site',
      { role: 'display', server: { mode: 'embedded' } },
      '"server.siteConfig": give the site config file',
    ],
    ['a port out of range', { role: 'hub', server: { mode: 'embedded', demo: true, port: 70000 } }, '"server.port"'],
    [
      'a typo in a key',
      { role: 'display', server: { mode: 'hub', url: 'http://hub:8080' }, devtools: true },
      'devtools',
    ],
    [
      'a plain PIN instead of a hash',
      { role: 'display', server: { mode: 'hub', url: 'http://hub:8080' }, adminPinHash: '1234' },
      '"adminPinHash": must be a hash',
    ],
    [
      'a bad maintenance time',
      {
        role: 'display',
        server: { mode: 'hub', url: 'http://hub:8080' },
        updates: { url: 'https://updates.example/kiosk/', maintenanceWindow: { from: '2am', to: '05:00' } },
      },
      '"updates.maintenanceWindow.from": use HH:MM',
    ],
    [
      'a bad time zone',
      {
        role: 'display',
        server: { mode: 'hub', url: 'http://hub:8080' },
        updates: {
          url: 'https://updates.example/kiosk/',
          maintenanceWindow: { from: '02:00', to: '05:00', timeZone: 'Europe/Cambridge' },
        },
      },
      '"updates.maintenanceWindow.timeZone": not an IANA time zone',
    ],
  ])('refuses %s, naming the field', (_name, raw, expected) => {
    expect(problemsOf(raw).join('\n')).toContain(expected);
  });

  it('names the file and says when it is not JSON', () => {
    const file = join(dir, 'shell.json');
    writeFileSync(file, '{ "role": "kiosk", }');
    expect(() => readShellConfigFile(file)).toThrow(
      new RegExp(`Shell config ${file.replace(/[/.]/g, '\\$&')} is not valid:\\n  - is not JSON`),
    );
  });

  it('finds the file from the command line, then the environment, else runs the demo', () => {
    const file = join(dir, 'display.json');
    writeFileSync(file, JSON.stringify({ role: 'display', server: { mode: 'hub', url: 'http://hub.local:8080' } }));
    const defaultFile = join(dir, 'missing.json');
    expect(loadShellConfig({ argv: ['electron', '.', '--shell-config', file], env: {}, defaultFile }).config.role).toBe(
      'display',
    );
    expect(
      loadShellConfig({ argv: ['electron', '.', `--shell-config=${file}`], env: {}, defaultFile }).config.role,
    ).toBe('display');
    expect(loadShellConfig({ argv: [], env: { KIOSK_SHELL_CONFIG: file }, defaultFile }).file).toBe(file);
    expect(loadShellConfig({ argv: [], env: {}, defaultFile })).toEqual({ config: demoShellConfig, file: null });
  });

  it('fails loudly when a named file is missing (no silent fallback to the demo)', () => {
    expect(() =>
      loadShellConfig({ argv: ['--shell-config', join(dir, 'nope.json')], env: {}, defaultFile: join(dir, 'x.json') }),
    ).toThrow(/cannot be read \(ENOENT\)/);
  });
});

describe('window per role', () => {
  it('locks kiosk and display, not desk or hub', () => {
    const base = { server: { mode: 'hub', url: 'http://hub:8080' } };
    expect(planWindow(parseShellConfig({ ...base, role: 'kiosk', kioskId: 'mandela-1' }, 's.json'))).toEqual({
      startPath: '/kiosk?kiosk=mandela-1',
      locked: true,
      blockShortcuts: true,
    });
    expect(planWindow(parseShellConfig({ ...base, role: 'display' }, 's.json')).locked).toBe(true);
    expect(planWindow(parseShellConfig({ ...base, role: 'desk' }, 's.json'))).toMatchObject({
      startPath: '/staff',
      locked: false,
    });
  });
});
