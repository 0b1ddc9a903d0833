/**
 * Who may deliver payments to the office's ledger: an enrolled kiosk with its machine credential,
 * for the payments taken at that kiosk only, or a sender with the shared ingest token. Anything
 * refused stores nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SiteConfig } from '../../contract/config.js';
import { EnrolResponse, MachineList } from '../../contract/machines.js';
import type { IngestItem } from '../../contract/payments.js';
import { ApiError } from '../../contract/queue.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { createPaymentsModule, type PaymentsModule } from '../../server/payments/module.js';
import { startMachinesServer, type MachinesServer } from '../machines/machines-server.js';
import { startHarness, testSite, type Harness } from './harness.js';

const ingestToken = 'shared-ingest-token-0123456789';

let hub: MachinesServer;
let payments: PaymentsModule;
let kiosk: Harness | undefined;
afterEach(async () => {
  await kiosk?.dispose();
  kiosk = undefined;
  await hub?.close();
});

async function startOffice() {
  const demo = demoSiteConfig();
  const config = SiteConfig.parse({
    ...demo,
    kiosks: [...demo.kiosks, { id: 'kiosk-2', name: 'Upstairs kiosk' }],
    payments: { ...demo.payments, ingestToken },
  });
  hub = await startMachinesServer({
    config,
    extraModules: (machines) => {
      payments = createPaymentsModule({ requireMachine: machines.requireMachine });
      return [payments];
    },
  });
}

async function join(machineId: string, role: 'kiosk' | 'desk'): Promise<string> {
  const answer = await hub.request('POST', '/api/machines/enrol', {
    body: { machineId, code: await hub.newCode(machineId, role) },
  });
  return EnrolResponse.parse(answer.body).credential;
}

/** One approved payment as a kiosk's outbox delivers it. */
function journalRow(kiosk: string): IngestItem {
  const id = randomUUID();
  return {
    id: `${id}:v1`,
    kind: 'payment',
    payload: {
      version: 1,
      payment: {
        id,
        kiosk,
        type: 'council-tax',
        reference: '12345679',
        amountPence: 12_550,
        state: 'approved',
        outcome: 'approved',
        createdAt: '2026-07-14T09:00:00.000Z',
        updatedAt: '2026-07-14T09:00:30.000Z',
        receiptNumber: `${kiosk}-000001`,
        authCode: 'A1B2C3',
        cardScheme: 'VISA',
        lastFour: '4242',
        terminalId: 'T1',
        traceNumber: '000123',
        resultCode: null,
        message: null,
        prompt: null,
        cancellable: false,
        receiptProblem: null,
        resolvedBy: null,
        resolvedAt: null,
      },
    },
  };
}

const ingest = (item: IngestItem, authorization?: string) =>
  hub.request('POST', '/api/payments/ingest', {
    body: item,
    address: '10.0.0.21',
    ...(authorization ? { authorization } : {}),
  });

const ledgerIds = () =>
  payments
    .service()
    .ledger.list({})
    .map((payment) => payment.id);

describe('POST /api/payments/ingest', () => {
  it("takes an enrolled kiosk's own payments with its machine credential", async () => {
    await startOffice();
    const credential = await join('kiosk-1', 'kiosk');
    const row = journalRow('kiosk-1');
    const answer = await ingest(row, `Machine ${credential}`);
    expect(answer).toEqual({ status: 200, body: { stored: true } });
    expect(ledgerIds()).toEqual([row.payload.payment.id]);
  });

  it("refuses a kiosk delivering another kiosk's payment (403) and stores nothing", async () => {
    await startOffice();
    const credential = await join('kiosk-1', 'kiosk');
    const answer = await ingest(journalRow('kiosk-2'), `Machine ${credential}`);
    expect(answer.status).toBe(403);
    const { error } = ApiError.parse(answer.body);
    expect(error.code).toBe('not-this-kiosks-payment');
    expect(error.message).toContain('Kiosk kiosk-1 may deliver only its own payments');
    expect(ledgerIds()).toEqual([]);
  });

  it('refuses a revoked kiosk (403), a desk machine (403) and an unknown credential (401), storing nothing', async () => {
    await startOffice();
    const kiosk = await join('kiosk-1', 'kiosk');
    const desk = await join('desk-pc-1', 'desk');
    await hub.request('POST', '/api/machines/kiosk-1/revoke', { authorization: `Bearer ${hub.staffToken}` });
    const revoked = await ingest(journalRow('kiosk-1'), `Machine ${kiosk}`);
    expect(revoked.status).toBe(403);
    expect(ApiError.parse(revoked.body).error.code).toBe('machine-revoked');
    const wrongRole = await ingest(journalRow('desk-pc-1'), `Machine ${desk}`);
    expect(wrongRole.status).toBe(403);
    expect(ApiError.parse(wrongRole.body).error.code).toBe('wrong-machine-role');
    const unknown = await ingest(journalRow('kiosk-1'), `Machine ${'x'.repeat(43)}`);
    expect(unknown.status).toBe(401);
    expect(ledgerIds()).toEqual([]);
  });

  it('still takes the shared ingest token, and refuses a wrong or missing one', async () => {
    await startOffice();
    const row = journalRow('kiosk-2');
    expect(await ingest(row, `Bearer ${ingestToken}`)).toEqual({ status: 200, body: { stored: true } });
    for (const authorization of [`Bearer ${ingestToken}x`, `Bearer ${ingestToken.slice(0, -1)}`, 'Bearer', undefined]) {
      const refused = await ingest(journalRow('kiosk-2'), authorization);
      expect(refused.status, String(authorization)).toBe(401);
      expect(ApiError.parse(refused.body).error.code).toBe('ingest-not-allowed');
    }
    expect(ledgerIds()).toEqual([row.payload.payment.id]);
  });
});

describe("a kiosk's payments outbox", () => {
  it('delivers to the office with the machine credential it is given, and the office takes them', async () => {
    await startOffice();
    const officeUrl = await hub.server.listen(0);
    const credential = await join('kiosk-1', 'kiosk');
    kiosk = await startHarness({
      config: testSite({ payments: { ...testSite().payments, office: { url: officeUrl } } }),
      payments: { officeCredential: () => credential },
    });
    const row = journalRow('kiosk-1');
    kiosk.service.outbox.enqueue(row.kind, row.id, row.payload);
    await kiosk.service.outbox.flush();
    expect(kiosk.service.outbox.status()).toMatchObject({ pending: 0 });
    expect(ledgerIds()).toEqual([row.payload.payment.id]);
    // The kiosk's clock came with it: the office knows how far off it is.
    const machines = await hub.request('GET', '/api/machines', { authorization: `Bearer ${hub.staffToken}` });
    expect(MachineList.parse(machines.body).machines.find((m) => m.machineId === 'kiosk-1')).toMatchObject({
      clockOffsetMs: hub.clock.now().getTime() - kiosk.clock.now().getTime(),
      clockOffsetOverBound: true,
    });
  });
});
