/** `npm run fleet` as facilities and a technician run it: real CLI processes against a hub on the same data folder. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createServer } from '../../server/app.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { readMachineCredential } from '../../server/machines/credential-file.js';
import { createMachinesModule } from '../../server/machines/module.js';

// Real processes on a shared, busy machine: generous time limits (no speed is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const dir = mkdtempSync(join(tmpdir(), 'fleet-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hubData = join(dir, 'hub');
const machineData = join(dir, 'kiosk-1');

/** Runs the CLI without blocking this process, so the in-process hub can answer `join`. */
function fleet(...args: string[]): Promise<{ status: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/main.ts', 'fleet', ...args],
      { encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

describe('npm run fleet', () => {
  it('enrols a kiosk, the kiosk joins, list shows it, revoke stops it at once', async () => {
    const notAKiosk = await fleet('enrol', 'kiosk-9', '--role', 'kiosk', '--demo', '--data', hubData);
    expect(notAKiosk.status).toBe(1);
    expect(notAKiosk.out).toContain('"kiosk-9" is not a kiosk in the site config');

    const enrolled = await fleet('enrol', 'kiosk-1', '--role', 'kiosk', '--demo', '--data', hubData);
    expect(enrolled.status).toBe(0);
    const code = /Enrolment code for kiosk-1 \(kiosk\): (\S+)/.exec(enrolled.out)?.[1];
    expect(code, enrolled.out).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(enrolled.out).toMatch(/until \d{4}-\d\d-\d\dT[\d:.]+Z \(30 minutes\)/);

    const server = await createServer({
      config: demoSiteConfig(),
      dataDir: hubData,
      modules: [createMachinesModule()],
      logger: pino({ level: 'silent' }),
      rendererDir: join(dir, 'no-renderer'),
    });
    try {
      const url = await server.listen(0);
      const joined = await fleet('join', '--hub', url, '--id', 'kiosk-1', '--code', code ?? '', '--data', machineData);
      expect(joined.out).toContain(`kiosk-1 joined ${url} as a kiosk`);
      const stored = readMachineCredential(machineData);
      expect(stored).toMatchObject({ hubUrl: url, machineId: 'kiosk-1', role: 'kiosk' });

      const me = () =>
        fetch(`${url}/api/machines/me`, {
          headers: {
            authorization: `Machine ${stored.credential}`,
            // The kiosk's clock five minutes slow, and the config it says it runs.
            'x-machine-time': new Date(Date.now() - 5 * 60_000).toISOString(),
            'x-config-version': 'cafe0123deadbeef',
          },
        });
      expect((await me()).status).toBe(200);

      const again = await fleet('join', '--hub', url, '--id', 'kiosk-1', '--code', code ?? '', '--data', machineData);
      expect(again.status).toBe(1);
      expect(again.out).toContain('ask facilities for a new enrolment code: npm run fleet -- enrol kiosk-1');

      const list = await fleet('list', '--data', hubData);
      expect(list.out).toMatch(/^machine +role +enrolled +last seen +clock +config +revoked +code expires$/m);
      expect(list.out).toMatch(
        /^kiosk-1 +kiosk +\d{4}-\d\d-\d\dT\S+ +\d{4}-\d\d-\d\dT\S+ +30\d s behind \(over 30 s: set its clock\) +cafe0123deadbeef +- +-$/m,
      );

      const revoked = await fleet('revoke', 'kiosk-1', '--data', hubData);
      expect(revoked.out).toContain('kiosk-1 is revoked');
      expect((await me()).status).toBe(403);
      expect((await fleet('list', '--data', hubData)).out).toMatch(
        /^kiosk-1 +kiosk +\S+ +\S+ +30\d s behind .* +cafe0123deadbeef +\d{4}-\S+Z +-$/m,
      );
    } finally {
      await server.close();
    }
  });
});
