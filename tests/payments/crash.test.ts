/**
 * Power cuts on real processes: a hub with a site config whose kiosk's card terminal is the ZVT
 * simulator in ANOTHER process (on a socat pty), so the simulator keeps counting across the cut.
 * The hub is SIGKILLed at each cut point — by itself at an exact point between two commits
 * (PAYMENTS_FAILPOINT), or from outside while the terminal is working — then restarted. Every
 * payment must end in a known state or "unknown", and the terminal must never be asked twice.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Payment } from '../../contract/payments.js';
import {
  query,
  startHub,
  startTerminalSim,
  tempDir,
  waitFor,
  writeSite,
  type HubProc,
  type SimProc,
} from './support/processes.js';

let sim: SimProc;
const dirs: string[] = [];
const hubs: HubProc[] = [];

beforeAll(async () => {
  sim = await startTerminalSim(40);
});
afterAll(async () => {
  await sim?.kill('SIGTERM');
});
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.kill();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function hub(env: Record<string, string> = {}, dataDir?: string) {
  const dir = dataDir ?? tempDir('pay-crash-');
  if (!dataDir) dirs.push(dir);
  const config = writeSite(dir, 'kiosk', { terminalPath: sim.path });
  const proc = await startHub(config, dir, 0, env);
  hubs.push(proc);
  // The driver has registered with the terminal when the kiosk offers the terminal as healthy.
  await waitFor(
    'the card terminal to be online',
    async () => {
      const states = (await (await fetch(`${proc.url}/api/devices`)).json().catch(() => [])) as {
        kind: string;
        health: string;
      }[];
      return Array.isArray(states) && states.some((s) => s.kind === 'card-terminal' && s.health === 'ok')
        ? true
        : undefined;
    },
    30_000,
  );
  return { proc, dir };
}

async function post(url: string, body: unknown) {
  return fetch(`${url}/api/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => null);
}

async function payment(url: string, id: string) {
  return Payment.parse(await (await fetch(`${url}/api/payments/${id}`)).json());
}

const request = (amountPence: number) => ({
  id: randomUUID(),
  kiosk: 'kiosk-1',
  type: 'council-tax',
  reference: '12345679',
  amountPence,
});

/** Waits long enough that an app retrying on its own would have done so, then counts again. */
async function expectAuthorisations(before: number, added: number) {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect((await sim.status()).authorisations - before).toBe(added);
}

describe('SIGKILL at each cut point, then restart', () => {
  it('after the journal row, before the terminal is asked: cancelled, terminal never asked', async () => {
    const before = (await sim.status()).authorisations;
    const first = await hub({ PAYMENTS_FAILPOINT: 'after-pending' });
    const body = request(1100);
    await post(first.proc.url, body);
    expect(await first.proc.exited).toBe('SIGKILL');
    const second = await hub({}, first.dir);
    expect(await payment(second.proc.url, body.id)).toMatchObject({ state: 'cancelled', outcome: 'cancelled' });
    await expectAuthorisations(before, 0);
  });

  it('after "authorising" is committed, before the bytes go out: unknown (never assumed not taken), never re-asked', async () => {
    const before = (await sim.status()).authorisations;
    const first = await hub({ PAYMENTS_FAILPOINT: 'after-authorising' });
    const body = request(1200);
    await post(first.proc.url, body);
    expect(await first.proc.exited).toBe('SIGKILL');
    const second = await hub({}, first.dir);
    expect(await payment(second.proc.url, body.id)).toMatchObject({ state: 'unknown', outcome: 'unknown' });
    await expectAuthorisations(before, 0);
  });

  it('while the terminal is working: unknown after restart, the terminal asked exactly once', async () => {
    const before = await sim.status();
    sim.next('no-answer');
    const first = await hub();
    const body = request(1300);
    const answer = await post(first.proc.url, body);
    expect(answer?.status).toBe(201);
    await waitFor('the terminal to receive the authorisation', async () =>
      (await sim.status()).authorisations > before.authorisations ? true : undefined,
    );
    await first.proc.kill('SIGKILL');
    const second = await hub({}, first.dir);
    const after = await payment(second.proc.url, body.id);
    expect(after).toMatchObject({ state: 'unknown', outcome: 'unknown', receiptNumber: null });
    expect(after.message).toMatch(/check the terminal/i);
    await expectAuthorisations(before.authorisations, 1);
  });

  it('after approval, before the receipt: approved with its receipt number, receipt flagged, money taken once', async () => {
    const before = await sim.status();
    sim.next('approve');
    const first = await hub({ PAYMENTS_FAILPOINT: 'after-approval' });
    const body = request(1400);
    await post(first.proc.url, body);
    expect(await first.proc.exited).toBe('SIGKILL');
    const second = await hub({}, first.dir);
    const after = await payment(second.proc.url, body.id);
    expect(after).toMatchObject({ state: 'approved', outcome: 'approved', receiptNumber: 'kiosk-1-000001' });
    expect(after.receiptProblem).toMatch(/before the receipt was printed/);
    expect(after.lastFour).toMatch(/^\d{4}$/);
    expect((await sim.status()).taken.slice(before.taken.length)).toEqual([1400]);
    await expectAuthorisations(before.authorisations, 1);
    // The office record (this hub is its own office) counts it once.
    await waitFor('the outbox to deliver', () =>
      query<{ n: number }>(
        first.dir,
        "SELECT COUNT(*) AS n FROM outbox_items WHERE outbox = 'payments' AND sent_at IS NULL",
      )[0]?.n === 0
        ? true
        : undefined,
    );
    expect(query(first.dir, 'SELECT id, outcome, amount_pence FROM payments_received')).toEqual([
      { id: body.id, outcome: 'approved', amount_pence: 1400 },
    ]);
  });

  it('a repeated request after the restart returns the same payment and does not ask the terminal again', async () => {
    const before = await sim.status();
    sim.next('approve');
    const first = await hub({ PAYMENTS_FAILPOINT: 'after-approval' });
    const body = request(1500);
    await post(first.proc.url, body);
    await first.proc.exited;
    const second = await hub({}, first.dir);
    const again = await post(second.proc.url, body);
    expect(again?.status).toBe(200);
    expect(Payment.parse(await again!.json())).toMatchObject({ id: body.id, outcome: 'approved' });
    await expectAuthorisations(before.authorisations, 1);
    expect((await sim.status()).taken.slice(before.taken.length)).toEqual([1500]);
  });
});
