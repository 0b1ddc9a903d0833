/** The command line: `config check` names every field at fault; a real site has no demo account. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { call, startHub } from '../api/hub-process.js';

// Real processes on a shared, busy machine: generous time limits (no speed is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'cli-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], input?: string) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], {
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
};
const demo = () =>
  JSON.parse(readFileSync('server/demo/site.json', 'utf8')) as Record<string, unknown> & {
    services: Array<Record<string, unknown>>;
    desks: Array<Record<string, unknown>>;
    site: Record<string, unknown>;
  };
const writeConfig = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
};

describe('config check', () => {
  it('accepts the demo site', () => {
    const result = cli(['config', 'check', 'server/demo/site.json']);
    expect(result.out).toContain('valid (5 services, 2 desks, 1 kiosks)');
    expect(result.status).toBe(0);
  });

  it('lists every schema problem with its field path and exits 1', () => {
    const config = demo();
    config.waitTargetSeconds = -5;
    (config.services[1] as Record<string, unknown>).prefix = 'hh';
    config.colour = 'blue';
    delete config.site.councilName;
    const result = cli(['config', 'check', writeConfig('schema.json', config)]);
    expect(result.status).toBe(1);
    expect(result.out).toContain('4 problems');
    for (const path of ['waitTargetSeconds:', 'services.1.prefix:', 'site.councilName:', 'colour'])
      expect(result.out).toContain(path);
  });

  it('refuses a kiosk warning shorter than the 20 seconds WCAG 2.2.1 asks for, naming the field', () => {
    const config = demo();
    const kiosks = config.kiosks as Array<Record<string, unknown>>;
    (kiosks[0] as Record<string, unknown>).timers = { idleSeconds: 90, countdownSeconds: 10 };
    const result = cli(['config', 'check', writeConfig('timers.json', config)]);
    expect(result.status).toBe(1);
    expect(result.out).toContain('kiosks.0.timers.countdownSeconds:');
  });

  it('names references and ids that do not fit together', () => {
    const config = demo();
    (config.desks[0] as { services: string[] }).services = ['housing', 'parking'];
    (config.services[2] as Record<string, unknown>).prefix = 'H';
    config.site.timeZone = 'Mars/Olympus';
    const result = cli(['config', 'check', writeConfig('rules.json', config)]);
    expect(result.status).toBe(1);
    expect(result.out).toMatch(/desks\.0\.services\.1: there is no service "parking"/);
    expect(result.out).toMatch(/services\.2: ticket prefix "H" is also used by services\.0/);
    expect(result.out).toMatch(/site\.timeZone: "Mars\/Olympus" is not an IANA time zone/);
  });

  it('says when the file is not JSON', () => {
    const result = cli(['config', 'check', writeConfig('broken.json', '{ "site": ')]);
    expect(result.status).toBe(1);
    expect(result.out).toContain('not valid JSON');
  });
});

describe('a real site', () => {
  it('has no demo account; staff added with `staff add` can sign in', async () => {
    const dataDir = join(dir, 'real-site');
    const added = cli(['staff', 'add', 'amy', '--name', 'Amy', '--data', dataDir], 'correct horse battery\n');
    expect(added.out).toContain('Staff account "amy" saved');
    const real = await startHub({ dataDir, configFile: writeConfig('real.json', demo()) });
    try {
      expect(
        (
          await call(real.url, 'POST', '/api/auth/login', {
            body: { username: 'amy', password: 'correct horse battery' },
          })
        ).status,
      ).toBe(200);
      expect(
        (await call(real.url, 'POST', '/api/auth/login', { body: { username: 'demo', password: 'demo' } })).status,
      ).toBe(401);
    } finally {
      await real.kill();
    }
  }, 90_000);
});
