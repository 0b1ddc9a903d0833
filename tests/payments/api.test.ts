import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Payment } from '../../contract/payments.js';
import { approved, startHarness, type Harness } from './harness.js';

const harnesses: Harness[] = [];
async function harness(...args: Parameters<typeof startHarness>) {
  const h = await startHarness(...args);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.dispose();
});

async function pay(
  h: Harness,
  body: Partial<{ id: string; kiosk: string; type: string; reference: string; amountPence: number }> = {},
) {
  const request = {
    id: randomUUID(),
    kiosk: 'kiosk-1',
    type: 'council-tax',
    reference: '12345679',
    amountPence: 12550,
    ...body,
  };
  const response = await h.app.inject({ method: 'POST', url: '/api/payments', payload: request });
  return { request, response, json: response.json<Record<string, unknown>>() };
}

const parsedPayload = (json: string): unknown => JSON.parse(json);

async function settled(h: Harness, id: string) {
  await h.service.runner.whenSettled(id);
  const response = await h.app.inject({ method: 'GET', url: `/api/payments/${id}` });
  return Payment.parse(response.json());
}

describe('kiosk API', () => {
  it('lists the payment types of a kiosk that offers payments, and none for one that does not', async () => {
    const h = await harness();
    const one = (await h.app.inject({ url: '/api/payments/types?kiosk=kiosk-1' })).json<{
      councilName: string;
      types: { id: string }[];
    }>();
    expect(one.councilName).toBe('Test City Council');
    expect(one.types.map((t) => t.id)).toEqual([
      'council-tax',
      'housing-rent',
      'parking-pcn',
      'council-invoice',
      'bulky-waste',
    ]);
    expect(one).toMatchObject({ terminalAvailable: true });
    const two = (await h.app.inject({ url: '/api/payments/types?kiosk=kiosk-2' })).json<{
      types: unknown[];
      terminalAvailable: boolean;
    }>();
    expect(two).toMatchObject({ types: [], terminalAvailable: false });
    h.terminal.health = 'offline';
    expect((await h.app.inject({ url: '/api/payments/types?kiosk=kiosk-1' })).json()).toMatchObject({
      terminalAvailable: false,
    });
    const none = await h.app.inject({ url: '/api/payments/types?kiosk=nowhere' });
    expect(none.statusCode).toBe(404);
  });

  it('validates a reference with a plain reason', async () => {
    const h = await harness();
    const good = await h.app.inject({
      method: 'POST',
      url: '/api/payments/validate-reference',
      payload: { type: 'parking-pcn', reference: 'cu 0012 3456' },
    });
    expect(good.json()).toEqual({ ok: true, reference: 'CU00123456' });
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/payments/validate-reference',
      payload: { type: 'council-tax', reference: '12345678' },
    });
    expect(bad.json()).toMatchObject({ ok: false, reason: 'check-digit' });
    expect(bad.json<{ message: string }>().message).toMatch(/mistyped/);
    const unknownType = await h.app.inject({
      method: 'POST',
      url: '/api/payments/validate-reference',
      payload: { type: 'dog-licence', reference: '1' },
    });
    expect(unknownType.statusCode).toBe(400);
    expect(unknownType.json()).toMatchObject({ error: { field: 'type' } });
  });

  it('takes an approved payment: journal, receipt with every required fact, sequential receipt numbers', async () => {
    const h = await harness();
    h.terminal.script = {
      steps: [
        { prompt: 'insert-card', text: 'Insert or tap card' },
        { prompt: 'enter-pin', text: 'Enter PIN' },
        { prompt: 'remove-card', text: 'Remove card' },
      ],
      result: approved(12550),
    };
    const first = await pay(h);
    expect(first.response.statusCode).toBe(201);
    expect(first.json).toMatchObject({ state: 'pending', outcome: 'in-progress' });
    const payment = await settled(h, first.request.id);
    expect(payment).toMatchObject({
      state: 'receipt-printed',
      outcome: 'approved',
      authCode: 'A1B2C3',
      cardScheme: 'VISA',
      lastFour: '0119',
      receiptNumber: 'kiosk-1-000001',
    });
    expect(h.terminal.requests).toEqual([{ amountPence: 12550, reference: first.request.id }]);
    const text = h.printer.receipts[0]!.lines.map((l) => l.text).join('\n');
    for (const fact of [
      'Test City Council',
      'Council tax',
      '12345679',
      '£125.50',
      '27/11/2026 10:00:00',
      'A1B2C3',
      'VISA **** 0119',
      'kiosk-1',
      'kiosk-1-000001',
    ])
      expect(text).toContain(fact);
    // The prompts were pushed, in order, with whether Cancel still works.
    const prompts = h.events.filter((e) => e.type === 'payment.prompt') as unknown as {
      prompt: { kind: string };
      cancellable: boolean;
    }[];
    expect(prompts.map((p) => [p.prompt.kind, p.cancellable])).toEqual([
      ['insert-card', true],
      ['enter-pin', false],
      ['remove-card', false],
    ]);
    // Events go to every screen: they never carry the reference, amount or card facts.
    const shared = JSON.stringify(h.events);
    for (const secret of ['12345679', '12550', '0119', 'A1B2C3']) expect(shared).not.toContain(secret);
    expect(
      h.events.filter((e) => e.type === 'payment.result').map((e) => (e as unknown as { state: string }).state),
    ).toEqual(['approved', 'receipt-printed']);
    const second = await pay(h, { reference: '41018729', amountPence: 100 });
    expect((await settled(h, second.request.id)).receiptNumber).toBe('kiosk-1-000002');
  });

  it('is idempotent on the client id and refuses the id for a different payment', async () => {
    const h = await harness();
    h.terminal.script = { steps: [], result: approved(12550) };
    const first = await pay(h);
    await settled(h, first.request.id);
    const again = await h.app.inject({ method: 'POST', url: '/api/payments', payload: first.request });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.request.id, outcome: 'approved' });
    expect(h.terminal.requests).toHaveLength(1);
    const different = await h.app.inject({
      method: 'POST',
      url: '/api/payments',
      payload: { ...first.request, amountPence: 999 },
    });
    expect(different.statusCode).toBe(409);
    expect(h.terminal.requests).toHaveLength(1);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const h = await harness();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ reference: '12345678' }, 422, 'reference'],
      [{ amountPence: 50 }, 422, 'amountPence'],
      [{ amountPence: 500001 }, 422, 'amountPence'],
      [{ amountPence: 12.5 }, 400, 'amountPence'],
      [{ type: 'bulky-waste', reference: '123456', amountPence: 3000 }, 422, 'amountPence'],
      [{ kiosk: 'kiosk-2' }, 403, 'kiosk'],
      [{ id: 'not-a-uuid' }, 400, 'id'],
    ];
    for (const [body, status, field] of cases) {
      const { response } = await pay(h, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json()).toMatchObject({ error: { field } });
    }
    expect(h.ctx.db.prepare('SELECT COUNT(*) FROM payment_journal').pluck().get()).toBe(0);
    expect(h.terminal.requests).toHaveLength(0);
  });

  it('takes a fixed-amount payment at its amount', async () => {
    const h = await harness();
    h.terminal.script = { steps: [], result: approved(3500) };
    const { request, response } = await pay(h, { type: 'bulky-waste', reference: '123456', amountPence: 3500 });
    expect(response.statusCode).toBe(201);
    expect((await settled(h, request.id)).outcome).toBe('approved');
  });

  it('records a decline with nothing taken and no receipt number', async () => {
    const h = await harness();
    h.terminal.script = {
      steps: [{ prompt: 'insert-card', text: 'Insert card' }],
      result: { outcome: 'declined', resultCode: '05', message: 'Do not honour', receiptLines: [] },
    };
    const { request } = await pay(h);
    expect(await settled(h, request.id)).toMatchObject({
      state: 'declined',
      outcome: 'declined',
      resultCode: '05',
      receiptNumber: null,
    });
    expect(h.printer.receipts).toHaveLength(0);
  });

  it('cancels while the terminal waits for the card, and refuses after the PIN prompt', async () => {
    const h = await harness();
    h.terminal.script = { steps: [{ prompt: 'present-card', text: 'Present card' }], result: 'hang' };
    const { request } = await pay(h);
    await expect.poll(() => h.events.some((e) => e.type === 'payment.prompt')).toBe(true);
    const cancel = await h.app.inject({ method: 'POST', url: `/api/payments/${request.id}/cancel` });
    expect(cancel.statusCode).toBe(200);
    expect(await settled(h, request.id)).toMatchObject({ state: 'cancelled' });
    expect(h.terminal.aborts).toBe(1);

    h.terminal.script = {
      steps: [{ prompt: 'enter-pin', text: 'Enter PIN' }],
      result: approved(12550),
      resultAfterMs: 200,
    };
    const second = await pay(h);
    await expect.poll(() => h.events.filter((e) => e.type === 'payment.prompt').length).toBe(2);
    const late = await h.app.inject({ method: 'POST', url: `/api/payments/${second.request.id}/cancel` });
    expect(late.statusCode).toBe(409);
    expect((await settled(h, second.request.id)).outcome).toBe('approved');
  });

  it('takes one payment at a time per kiosk', async () => {
    const h = await harness();
    h.terminal.script = { steps: [{ prompt: 'present-card', text: 'Present card' }], result: 'hang' };
    await pay(h);
    const second = await pay(h);
    expect(second.response.statusCode).toBe(409);
    expect(second.json).toMatchObject({ error: { code: 'terminal-busy' } });
    expect(h.terminal.requests).toHaveLength(1);
    await h.terminal.abort();
  });

  it('refuses to start when the terminal is offline', async () => {
    const h = await harness();
    h.terminal.health = 'offline';
    const { response } = await pay(h);
    expect(response.statusCode).toBe(503);
    expect(h.ctx.db.prepare('SELECT COUNT(*) FROM payment_journal').pluck().get()).toBe(0);
  });

  it('marks a payment unknown when the terminal connection fails mid-way, and never asks again', async () => {
    const h = await harness();
    h.terminal.script = { steps: [{ prompt: 'insert-card', text: 'Insert card' }], result: 'throw' };
    const { request } = await pay(h);
    expect(await settled(h, request.id)).toMatchObject({ state: 'unknown', outcome: 'unknown' });
    expect(h.terminal.requests).toHaveLength(1);
  });

  it('marks a silent terminal unknown, keeps the kiosk busy until the driver lets go, and records a late answer', async () => {
    const h = await harness();
    h.terminal.ignoreAbort = true;
    h.terminal.script = { steps: [{ prompt: 'insert-card', text: 'Insert card' }], result: 'hang' };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { request } = await pay(h);
      await vi.advanceTimersByTimeAsync(9_000);
      expect(Payment.parse((await h.app.inject({ url: `/api/payments/${request.id}` })).json()).outcome).toBe(
        'in-progress',
      );
      await vi.advanceTimersByTimeAsync(2_000); // 10 s of silence after the last prompt
      const unknown = Payment.parse((await h.app.inject({ url: `/api/payments/${request.id}` })).json());
      expect(unknown).toMatchObject({ state: 'unknown' });
      expect(unknown.message).toMatch(/stopped answering/);
      expect(h.terminal.aborts).toBe(1);
      // The terminal is still in the transaction: no second payment may start on it.
      expect((await pay(h)).response.statusCode).toBe(409);
      h.terminal.finish(approved(12550, { authCode: 'LATE01' }));
      await h.service.runner.whenSettled(request.id);
      expect(Payment.parse((await h.app.inject({ url: `/api/payments/${request.id}` })).json())).toMatchObject({
        outcome: 'approved',
        authCode: 'LATE01',
        receiptNumber: 'kiosk-1-000001',
      });
      expect(h.terminal.requests).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
    h.terminal.script = { steps: [], result: approved(100) };
    expect((await pay(h, { amountPence: 100 })).response.statusCode).toBe(201);
  });

  it('keeps an approval when the receipt printer is out of paper, and reprints later for staff', async () => {
    const h = await harness();
    h.printer.outcome = { printed: false, reason: 'paper-end', detail: 'Paper out' };
    h.terminal.script = { steps: [], result: approved(12550) };
    const { request } = await pay(h);
    const payment = await settled(h, request.id);
    await expect
      .poll(
        async () => Payment.parse((await h.app.inject({ url: `/api/payments/${request.id}` })).json()).receiptProblem,
      )
      .toMatch(/paper-end/);
    expect(payment.outcome).toBe('approved');
    h.printer.outcome = { printed: true };
    const unsigned = await h.app.inject({ method: 'POST', url: '/api/payments/receipts/kiosk-1-000001/reprint' });
    expect(unsigned.statusCode).toBe(401);
    const reprint = await h.app.inject({
      method: 'POST',
      url: '/api/payments/receipts/kiosk-1-000001/reprint',
      headers: h.staff.headers,
    });
    expect(reprint.json()).toEqual({ printed: true, detail: null });
    expect(h.printer.receipts[0]!.lines[0]!.text).toMatch(/DUPLICATE/);
    expect(h.printer.receipts[0]!.lines.map((l) => l.text)).toContain('Receipt no: kiosk-1-000001');
    const missing = await h.app.inject({
      method: 'POST',
      url: '/api/payments/receipts/kiosk-1-000999/reprint',
      headers: h.staff.headers,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('office side', () => {
  it('counts each payment once however often the outbox delivers it', async () => {
    const h = await harness();
    h.terminal.script = { steps: [], result: approved(12550) };
    const { request } = await pay(h);
    await settled(h, request.id);
    await h.service.outbox.flush();
    const items = h.ctx.db
      .prepare("SELECT id, kind, payload FROM outbox_items WHERE outbox = 'payments' ORDER BY created_at")
      .all() as { id: string; kind: string; payload: string }[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    // Deliver every item again, twice, newest first: nothing changes.
    for (const item of [...items].reverse().concat(items)) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/payments/ingest',
        payload: { id: item.id, kind: item.kind, payload: parsedPayload(item.payload) },
        remoteAddress: '127.0.0.1',
      });
      expect(response.json()).toMatchObject({ stored: false });
    }
    const report = (
      await h.app.inject({ url: '/api/payments/report?from=2026-11-27&to=2026-11-27', headers: h.staff.headers })
    ).json<{ total: { approvedCount: number; approvedPence: number } }>();
    expect(report.total).toMatchObject({ approvedCount: 1, approvedPence: 12550 });
  });

  it('refuses ingest from another machine without the token', async () => {
    const h = await harness();
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/payments/ingest',
      payload: {},
      remoteAddress: '10.0.0.7',
    });
    expect(response.statusCode).toBe(401);
  });

  it('reports by type, day, kiosk and outcome, and exports the day as CSV with totals per type', async () => {
    const h = await harness();
    const run = async (body: Parameters<typeof pay>[1], result: Parameters<typeof approved>[0] | 'declined') => {
      h.terminal.script = {
        steps: [],
        result:
          result === 'declined'
            ? { outcome: 'declined', resultCode: '51', message: 'Insufficient funds', receiptLines: [] }
            : approved(result),
      };
      const { request } = await pay(h, body);
      await settled(h, request.id);
    };
    await run({ amountPence: 12550 }, 12550);
    await run({ amountPence: 2000, reference: '41018729' }, 2000);
    await run({ type: 'housing-rent', reference: '1234567897', amountPence: 45000 }, 45000);
    await run({ type: 'housing-rent', reference: '7001200349', amountPence: 9999 }, 'declined');
    await h.service.outbox.flush();
    const report = (
      await h.app.inject({ url: '/api/payments/report?from=2026-11-27&to=2026-11-27', headers: h.staff.headers })
    ).json<{
      total: Record<string, number>;
      byType: { key: string; approvedCount: number; approvedPence: number; declined: number }[];
      byKiosk: { key: string }[];
      byDay: { key: string }[];
    }>();
    expect(report.total).toMatchObject({
      approvedCount: 3,
      approvedPence: 59550,
      declined: 1,
      cancelled: 0,
      unknown: 0,
    });
    expect(report.byType).toEqual([
      { key: 'council-tax', approvedCount: 2, approvedPence: 14550, declined: 0, cancelled: 0, unknown: 0 },
      { key: 'housing-rent', approvedCount: 1, approvedPence: 45000, declined: 1, cancelled: 0, unknown: 0 },
    ]);
    expect(report.byKiosk.map((r) => r.key)).toEqual(['kiosk-1']);
    expect(report.byDay.map((r) => r.key)).toEqual(['2026-11-27']);
    const declinedOnly = (
      await h.app.inject({
        url: '/api/payments?from=2026-11-27&to=2026-11-27&outcome=declined',
        headers: h.staff.headers,
      })
    ).json<unknown[]>();
    expect(declinedOnly).toHaveLength(1);
    // An open end lists everything on that side: no dates at all is every payment received.
    for (const query of ['', '?from=2026-11-27', '?to=2026-11-27', '?outcome=declined']) {
      const listed = (await h.app.inject({ url: `/api/payments${query}`, headers: h.staff.headers })).json<unknown[]>();
      expect(listed, query).toHaveLength(query.includes('declined') ? 1 : 4);
    }

    const csv = await h.app.inject({ url: '/api/payments/export?date=2026-11-27', headers: h.staff.headers });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'record,date,time,payment_type,income_code,kiosk,receipt_number,reference,auth_code,card_scheme,count,amount',
    );
    expect(lines.filter((l) => l.startsWith('D,'))).toHaveLength(3);
    expect(lines).toContain('T,2026-11-27,,council-tax,CTAX,,,,,,2,145.50');
    expect(lines).toContain('T,2026-11-27,,housing-rent,HRA,,,,,,1,450.00');
    expect(lines.at(-1)).toBe('Z,2026-11-27,,,,,,,,,3,595.50');
    expect(lines.some((l) => l.includes('7001200349'))).toBe(false);
    const unsigned = await h.app.inject({ url: '/api/payments/export?date=2026-11-27' });
    expect(unsigned.statusCode).toBe(401);
  });
});

describe('end of day', () => {
  it('matches when the terminal and the journal agree, and lists differences when not', async () => {
    const h = await harness();
    for (const amount of [1000, 2500]) {
      h.terminal.script = { steps: [], result: approved(amount) };
      const { request } = await pay(h, { amountPence: amount });
      await settled(h, request.id);
    }
    h.terminal.totals = { count: 2, totalPence: 3500, byScheme: [{ scheme: 'VISA', count: 2, totalPence: 3500 }] };
    const ok = (
      await h.app.inject({
        method: 'POST',
        url: '/api/payments/reconcile',
        payload: { kiosk: 'kiosk-1' },
        headers: h.staff.headers,
      })
    ).json<{ matched: boolean; differences: unknown[] }>();
    expect(ok).toMatchObject({ matched: true, differences: [] });

    // Next period: the terminal approved one more payment whose answer never arrived (unknown here).
    h.terminal.script = { steps: [{ prompt: 'insert-card', text: 'Insert card' }], result: 'throw' };
    const lost = await pay(h, { amountPence: 4200 });
    await settled(h, lost.request.id);
    h.terminal.totals = {
      count: 1,
      totalPence: 4200,
      byScheme: [{ scheme: 'MASTERCARD', count: 1, totalPence: 4200 }],
    };
    const diff = (
      await h.app.inject({
        method: 'POST',
        url: '/api/payments/reconcile',
        payload: { kiosk: 'kiosk-1' },
        headers: h.staff.headers,
      })
    ).json<{
      matched: boolean;
      differences: { kind: string; terminal: number; journal: number }[];
      journal: { unknownIds: string[] };
    }>();
    expect(diff.matched).toBe(false);
    expect(diff.differences.map((d) => d.kind).sort()).toEqual(['count', 'scheme', 'total', 'unknown-payments']);
    expect(diff.differences.find((d) => d.kind === 'total')).toMatchObject({ terminal: 4200, journal: 0 });
    expect(diff.journal.unknownIds).toEqual([lost.request.id]);

    // Staff check the terminal and settle it as approved: it is then counted, once.
    const resolved = await h.app.inject({
      method: 'POST',
      url: `/api/payments/${lost.request.id}/resolve`,
      headers: h.staff.headers,
      payload: { outcome: 'approved', note: 'Terminal journal shows approval 4F2C', authCode: '4F2C' },
    });
    expect(resolved.json()).toMatchObject({
      state: 'approved',
      authCode: '4F2C',
      receiptNumber: 'kiosk-1-000003',
      resolvedBy: h.staff.username, // who signed in, not a placeholder
    });
    const again = await h.app.inject({
      method: 'POST',
      url: `/api/payments/${lost.request.id}/resolve`,
      headers: h.staff.headers,
      payload: { outcome: 'declined', note: 'changed my mind' },
    });
    expect(again.statusCode).toBe(409);
    await h.service.outbox.flush();
    const report = (
      await h.app.inject({ url: '/api/payments/report?from=2026-11-27&to=2026-11-27', headers: h.staff.headers })
    ).json<{ total: Record<string, number> }>();
    expect(report.total).toMatchObject({ approvedCount: 3, approvedPence: 7700, unknown: 0 });
  });
});
