/**
 * PCI DSS scope: after a run of payments, nothing in the store (SQLite file and its WAL), the logs or
 * the exports looks like a card number (Luhn-valid run of 13–19 digits), track data or a PIN.
 * Part 1 uses a deliberately careless terminal that puts a full card number and track data in its
 * receipt lines and messages, to prove the masking and the scan both work. Part 2 runs the real hub
 * process, ZVT driver and simulator, then scans everything the hub wrote.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import pino from 'pino';
import { Payment } from '../../contract/payments.js';
import { findPanCandidates } from '../../server/payments/pci.js';
import { approved, startHarness } from './harness.js';
import { startHub, startTerminalSim, tempDir, waitFor, writeSite } from './support/processes.js';

const fullPan = '4761739001010119'; // a public Visa test number: Luhn-valid
const track2 = `;${fullPan}=25122010000000000000?`;
const track1 = `%B${fullPan}^CARDHOLDER/TEST^2512201000000000?`;

interface Finding {
  where: string;
  what: string;
}

/** Everything that would put the app in PCI scope, found in some text. */
function scanText(where: string, raw: string): Finding[] {
  // pino's "time" is epoch milliseconds: 13 digits, Luhn-valid one time in ten. It is not card data.
  const text = raw.replace(/"time":\d{13}/g, '"time":0');
  const findings: Finding[] = findPanCandidates(text).map((pan) => ({ where, what: `card-number-like digits ${pan}` }));
  if (/;\d{12,19}=\d{4}/.test(text) || /%B\d{12,19}\^/.test(text)) findings.push({ where, what: 'track data' });
  if (/\b(pin|pinblock|pin_block|cvv|cvc|cv2)\b["'\s:=]+\d{3,12}/i.test(text))
    findings.push({ where, what: 'PIN / CVV field' });
  return findings;
}

/** Every file under a folder, as latin1 so binary SQLite pages still show their digits. */
function scanFolder(dir: string): Finding[] {
  const findings: Finding[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findings.push(...scanFolder(path));
    else findings.push(...scanText(path, readFileSync(path).toString('latin1')));
  }
  return findings;
}

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe('PCI scan', () => {
  it('the scanner finds a planted card number, track data and PIN (so a clean scan means something)', () => {
    const dir = tempDir('pci-control-');
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'planted.log'), `{"msg":"x","pan":"${fullPan}"}\n${track2}\n{"pin": "1234"}\n`);
    const what = scanFolder(dir).map((f) => f.what);
    expect(what).toEqual(
      expect.arrayContaining([`card-number-like digits ${fullPan}`, 'track data', 'PIN / CVV field']),
    );
    // …and does not cry wolf at what we do keep: masked PAN, last four, a receipt number, an amount.
    expect(scanText('ok', '************0119 0119 kiosk-1-000042 12550 476173******0119')).toEqual([]);
  });

  it('a careless terminal cannot put card data into the store, logs or exports', async () => {
    const logDir = tempDir('pci-logs-');
    cleanup.push(() => rmSync(logDir, { recursive: true, force: true }));
    const logFile = join(logDir, 'hub.log');
    const logger = pino({ level: 'debug' }, pino.destination({ dest: logFile, sync: true }));
    const h = await startHarness({ logger });
    cleanup.push(() => h.dispose());
    const careless = [
      `CARD ${fullPan}`,
      `PAN ${fullPan.replace(/(\d{4})(?=\d)/g, '$1 ')}`,
      track2,
      track1,
      'AUTH A1B2C3',
    ];
    for (const [i, amount] of [1000, 2000, 3000].entries()) {
      h.terminal.script = {
        steps: [{ prompt: 'other', text: `Card ${fullPan} read` }],
        result: approved(amount, { receiptLines: careless }),
      };
      const id = randomUUID();
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/payments',
        payload: { id, kiosk: 'kiosk-1', type: 'council-tax', reference: '12345679', amountPence: amount },
      });
      expect(response.statusCode, response.body).toBe(201);
      await h.service.runner.whenSettled(id);
      expect(Payment.parse((await h.app.inject({ url: `/api/payments/${id}` })).json()).receiptNumber).toBe(
        `kiosk-1-00000${i + 1}`,
      );
    }
    h.terminal.script = {
      steps: [],
      result: { outcome: 'declined', resultCode: '05', message: `Declined card ${fullPan}`, receiptLines: careless },
    };
    const declined = randomUUID();
    await h.app.inject({
      method: 'POST',
      url: '/api/payments',
      payload: { id: declined, kiosk: 'kiosk-1', type: 'council-tax', reference: '12345679', amountPence: 500 },
    });
    await h.service.runner.whenSettled(declined);
    await h.service.outbox.flush();
    const csv = await h.app.inject({
      url: '/api/payments/export?date=2026-11-27',
      headers: h.staff.headers,
    });
    expect(csv.statusCode).toBe(200);
    // What was printed is masked too (the receipt keeps the last four only).
    const printed = h.printer.receipts.flatMap((r) => r.lines.map((l) => l.text)).join('\n');
    expect(printed).toContain('************0119');
    expect(scanText('printed receipts', printed)).toEqual([]);
    // Events pushed to screens.
    expect(scanText('events', JSON.stringify(h.events))).toEqual([]);
    await h.close();
    expect(scanFolder(h.dataDir)).toEqual([]);
    expect(scanFolder(logDir)).toEqual([]);
    expect(readFileSync(logFile, 'utf8').length).toBeGreaterThan(0);
  });

  it('real hub, ZVT driver and simulator: store, logs and exports hold no card data after a run', async () => {
    const sim = await startTerminalSim(5);
    cleanup.push(() => sim.kill('SIGTERM'));
    const dir = tempDir('pci-hub-');
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const config = writeSite(dir, 'kiosk', { terminalPath: sim.path });
    const added = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli/main.ts', 'staff', 'add', 'auditor', '--data', dir],
      { input: 'audit-pass-123\n', encoding: 'utf8' },
    );
    expect(added.status, added.stderr).toBe(0);
    const hub = await startHub(config, dir, 0, { LOG_LEVEL: 'debug' });
    cleanup.push(() => hub.kill());
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
    );

    const outcomes: string[] = [];
    for (const [behaviour, amount] of [
      ['approve', 1234],
      ['approve', 5678],
      ['decline', 999],
      ['abort', 4321],
      ['approve', 100],
    ] as const) {
      sim.next(behaviour);
      const id = randomUUID();
      const response = await fetch(`${hub.url}/api/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id,
          kiosk: 'kiosk-1',
          type: 'housing-rent',
          reference: '1234567897',
          amountPence: amount,
        }),
      });
      expect(response.status).toBe(201);
      const payment = await waitFor('the payment to finish', async () => {
        const p = Payment.parse(await (await fetch(`${hub.url}/api/payments/${id}`)).json());
        return p.outcome !== 'in-progress' &&
          (p.outcome !== 'approved' || p.state === 'receipt-printed' || p.receiptProblem)
          ? p
          : undefined;
      });
      outcomes.push(payment.outcome);
    }
    expect(outcomes).toEqual(['approved', 'approved', 'declined', 'cancelled', 'approved']);

    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'auditor', password: 'audit-pass-123' }),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    await waitFor('the office record', async () => {
      const report = (await (
        await fetch(`${hub.url}/api/payments/report?from=${today}&to=${today}`, { headers: auth })
      ).json()) as { total: { approvedCount: number } };
      return report.total.approvedCount === 3 ? report : undefined;
    });
    const csv = await (await fetch(`${hub.url}/api/payments/export?date=${today}`, { headers: auth })).text();
    expect(csv.split('\r\n').filter((l) => l.startsWith('D,'))).toHaveLength(3);
    const eod = await fetch(`${hub.url}/api/payments/reconcile`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ kiosk: 'kiosk-1' }),
    });
    expect(((await eod.json()) as { matched: boolean }).matched).toBe(true);
    await hub.kill('SIGTERM');

    const logs = tempDir('pci-hub-logs-');
    cleanup.push(() => rmSync(logs, { recursive: true, force: true }));
    writeFileSync(join(logs, 'hub-output.log'), hub.output());
    expect(hub.output()).toMatch(/authorisation finished/);
    expect(scanFolder(dir)).toEqual([]);
    expect(scanFolder(logs)).toEqual([]);
  }, 120_000);
});
