/**
 * Device states on the staff console, end to end with real parts: a hub with a real site config
 * whose kiosk's ticket printer is a serial port — one end of a socat pseudo-terminal pair — with the
 * byte-for-byte ESC/POS printer simulator (`npm run sim -- printer`) on the other end. Typing
 * "near-end" into the simulator changes what the printer answers to the hub's status polls.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, signInToStaff, startHub, type Hub } from './fixtures';

test.skip(spawnSync('which', ['socat']).status !== 0, 'socat is not installed (apt-get install socat)');

interface PrinterSim {
  hostPath: string;
  command: (line: string) => void;
  stop: () => Promise<void>;
}

async function startPrinterSimulator(): Promise<PrinterSim> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'hardware/cli/sim.ts', 'printer'], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const hostPath = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`printer simulator did not start:\n${output}`)), 30_000);
    const check = () => {
      const match = /Point the driver at: (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', () => reject(new Error(`printer simulator exited:\n${output}`)));
  });
  return {
    hostPath,
    command: (line) => child.stdin?.write(`${line}\n`),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

const clerk = { username: 'clerk', password: 'correct-horse' };

test('paper running low at a kiosk shows as a warning on the console, live', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'staff-devices-'));
  const printer = await startPrinterSimulator();
  let hub: Hub | null = null;
  try {
    // The demo site, but with a real serial ticket printer at the kiosk.
    const site = JSON.parse(readFileSync('server/demo/site.json', 'utf8')) as { kiosks: Array<{ devices?: unknown }> };
    const kiosk = site.kiosks[0];
    if (!kiosk) throw new Error('the demo site has no kiosk');
    kiosk.devices = { ticketPrinter: { path: printer.hostPath, pollIntervalMs: 500 } };
    const configFile = join(folder, 'site.json');
    writeFileSync(configFile, JSON.stringify(site));
    const dataDir = join(folder, 'data');
    const added = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli/main.ts',
        'staff',
        'add',
        clerk.username,
        '--name',
        'Desk clerk',
        '--data',
        dataDir,
      ],
      {
        input: `${clerk.password}\n`,
        encoding: 'utf8',
      },
    );
    expect(added.status, added.stderr).toBe(0);

    hub = await startHub({ configFile, dataDir });
    await signInToStaff(page, hub, 'Desk 1', '/staff', clerk);
    const device = page.locator('.device[data-device="ticket-printer"]');
    await expect(device).toHaveAttribute('data-health', 'ok', { timeout: 15_000 });
    await expect(device).toContainText('Ticket printer · kiosk-1');
    await expect(device).toContainText('Working');

    printer.command('near-end');
    await expect(device).toHaveAttribute('data-health', 'warning', { timeout: 15_000 });
    await expect(device).toContainText('Warning: paper is running low');
    await expect(device.locator('svg.device-icon')).toBeVisible();

    printer.command('paper-end');
    await expect(device).toHaveAttribute('data-health', 'fault', { timeout: 15_000 });
    await expect(device).toContainText('Fault');
  } finally {
    await hub?.stop();
    await printer.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
