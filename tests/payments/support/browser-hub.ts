/**
 * Playwright fixture for the payment journey: per test, the ZVT terminal and receipt printer
 * simulators in their own process (scriptable: approve, decline, timeout, drop-final …), and a real
 * hub process whose site config puts them on kiosk-1, with a staff account for the API checks.
 */
import { test as base, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startHub, startTerminalSim, tempDir, waitFor, writeSite, type HubProc, type SimProc } from './processes.js';

export interface PaymentsHub {
  url: string;
  dataDir: string;
  sim: SimProc;
  hub: HubProc;
  /** GET with the staff account's token. */
  staffGet: <T>(path: string) => Promise<T>;
}

export const test = base.extend<{ payments: PaymentsHub }>({
  payments: async ({}, use, testInfo) => {
    // Long card wait so a test can press Cancel while the terminal waits for a card.
    const sim = await startTerminalSim(40, 8_000);
    const dataDir = tempDir('pay-browser-');
    const config = writeSite(dataDir, 'kiosk', {
      terminalPath: sim.path,
      printerPath: sim.printerPath,
      finalAnswerTimeoutMs: 6_000,
      silenceSeconds: 20,
    });
    const added = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli/main.ts', 'staff', 'add', 'cashier', '--data', dataDir],
      { input: 'cashier-pass-1\n', encoding: 'utf8' },
    );
    if (added.status !== 0) throw new Error(`staff add failed: ${added.stderr}`);
    const hub = await startHub(config, dataDir);
    let token = '';
    const staffGet = async <T>(path: string): Promise<T> => {
      if (!token) {
        const login = await fetch(`${hub.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'cashier', password: 'cashier-pass-1' }),
        });
        token = ((await login.json()) as { token: string }).token;
      }
      const response = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.ok, `${path}: ${response.status}`).toBe(true);
      return (await response.json()) as T;
    };
    await waitFor(
      'the card terminal to be online',
      async () => {
        const states = (await (await fetch(`${hub.url}/api/devices`)).json().catch(() => [])) as {
          kind: string;
          health: string;
        }[];
        return Array.isArray(states) && states.some((s) => s.kind === 'card-terminal' && s.health === 'ok')
          ? true
          : undefined;
      },
      30_000,
    ).catch(() => undefined); // tests that need it assert on the journey itself
    await use({ url: hub.url, dataDir, sim, hub, staffGet });
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('hub output', { body: hub.output(), contentType: 'text/plain' });
    await hub.kill('SIGTERM');
    await sim.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
