/**
 * The outbox between real processes: a kiosk hub takes card payments (ZVT simulator in its own
 * process) while the office hub is not running; the payments wait in the kiosk's outbox, retried with
 * backoff; the office comes up and receives each once. Then the at-least-once window: the kiosk
 * "forgets" it had sent them (as if killed between the office storing and the kiosk marking sent),
 * sends them all again, and the office still counts each payment once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Payment } from '../../contract/payments.js';
import {
  freePort,
  query,
  startHub,
  startTerminalSim,
  tempDir,
  waitFor,
  writeSite,
  type HubProc,
  type SimProc,
} from './support/processes.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const token = 'office-ingest-token-0123456789';

async function terminalOnline(url: string) {
  await waitFor(
    'the card terminal to be online',
    async () => {
      const states = (await (await fetch(`${url}/api/devices`)).json().catch(() => [])) as {
        kind: string;
        health: string;
      }[];
      return Array.isArray(states) && states.some((s) => s.kind === 'card-terminal' && s.health === 'ok')
        ? true
        : undefined;
    },
    30_000,
  );
}

describe('payments outbox, kiosk → office', () => {
  it('holds payments while the office is down, delivers them when it is up, and never double counts', async () => {
    const sim: SimProc = await startTerminalSim(10);
    cleanup.push(() => sim.kill('SIGTERM'));
    const officePort = await freePort();
    const kioskDir = tempDir('pay-kiosk-');
    const officeDir = tempDir('pay-office-');
    cleanup.push(
      () => rmSync(kioskDir, { recursive: true, force: true }),
      () => rmSync(officeDir, { recursive: true, force: true }),
    );
    const kioskConfig = writeSite(kioskDir, 'kiosk', {
      terminalPath: sim.path,
      office: { url: `http://127.0.0.1:${officePort}`, token },
    });
    const officeConfig = writeSite(officeDir, 'office', { ingestToken: token });

    let kiosk: HubProc = await startHub(kioskConfig, kioskDir);
    cleanup.push(() => kiosk.kill());
    await terminalOnline(kiosk.url);

    const ids: string[] = [];
    for (const amountPence of [2500, 4000, 999]) {
      const id = randomUUID();
      ids.push(id);
      const response = await fetch(`${kiosk.url}/api/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, kiosk: 'kiosk-1', type: 'housing-rent', reference: '1234567897', amountPence }),
      });
      expect(response.status).toBe(201);
      await waitFor('the payment to finish', async () => {
        const payment = Payment.parse(await (await fetch(`${kiosk.url}/api/payments/${id}`)).json());
        return payment.outcome === 'approved' && (payment.state === 'receipt-printed' || payment.receiptProblem)
          ? payment
          : undefined;
      });
    }

    // The office is down: everything is still queued, with failed attempts recorded.
    await waitFor('failed delivery attempts', () => {
      const [row] = query<{ attempts: number; errors: number }>(
        kioskDir,
        "SELECT MAX(attempts) AS attempts, COUNT(last_error) AS errors FROM outbox_items WHERE outbox = 'payments' AND sent_at IS NULL",
      );
      return row && row.attempts >= 2 ? row : undefined;
    });
    const pending = query<{ n: number }>(
      kioskDir,
      "SELECT COUNT(*) AS n FROM outbox_items WHERE outbox = 'payments' AND sent_at IS NULL",
    )[0]!.n;
    expect(pending).toBeGreaterThanOrEqual(3);

    // Office up on the port the kiosk was told about.
    const office = await startHub(officeConfig, officeDir, officePort);
    cleanup.push(() => office.kill('SIGTERM'));
    const received = () =>
      query<{ id: string; outcome: string; amount_pence: number }>(
        officeDir,
        'SELECT id, outcome, amount_pence FROM payments_received ORDER BY amount_pence',
      );
    await waitFor(
      'the office to receive all three',
      () => {
        const rows = received();
        return rows.length === 3 && rows.every((r) => r.outcome === 'approved') ? rows : undefined;
      },
      60_000,
    );
    await waitFor(
      'the kiosk outbox to drain',
      () =>
        query<{ n: number }>(
          kioskDir,
          "SELECT COUNT(*) AS n FROM outbox_items WHERE outbox = 'payments' AND sent_at IS NULL",
        )[0]!.n === 0
          ? true
          : undefined,
      30_000,
    );

    // The at-least-once window: kiosk killed after the office stored the items but before it marked
    // them sent. On restart it sends every item again.
    await kiosk.kill('SIGKILL');
    const db = new Database(join(kioskDir, 'reception.sqlite'));
    const resent = db
      .prepare(
        "UPDATE outbox_items SET sent_at = NULL, attempts = 0, next_attempt_at = '1970-01-01T00:00:00.000Z' WHERE outbox = 'payments'",
      )
      .run().changes;
    db.close();
    expect(resent).toBeGreaterThanOrEqual(3);
    kiosk = await startHub(kioskConfig, kioskDir);
    await waitFor(
      'the re-sent items to drain',
      () =>
        query<{ n: number }>(
          kioskDir,
          "SELECT COUNT(*) AS n FROM outbox_items WHERE outbox = 'payments' AND sent_at IS NULL",
        )[0]!.n === 0
          ? true
          : undefined,
      30_000,
    );

    const rows = received();
    expect(rows.map((r) => r.amount_pence)).toEqual([999, 2500, 4000]);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
    const [sum] = query<{ total: number; n: number }>(
      officeDir,
      "SELECT SUM(amount_pence) AS total, COUNT(*) AS n FROM payments_received WHERE outcome = 'approved'",
    );
    expect(sum).toEqual({ total: 7499, n: 3 });
    expect((await sim.status()).taken.slice(-3)).toEqual([2500, 4000, 999]);
  }, 180_000);
});
