/** The HTTP API and the event socket against a real hub process (demo site). */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import {
  ApiError,
  DeskStatus,
  IssuedTicket,
  QueueEntry,
  QueueEvent,
  RecentCall,
  Ticket,
  WaitStandardReport,
} from '../../contract/queue.js';
import { messageText } from '../support/websocket-text.js';
import { call, signIn, startHub, type HubProcess } from './hub-process.js';

// Real processes on a shared, busy machine: generous time limits (no speed is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let hub: HubProcess;
let token: string;

beforeAll(async () => {
  hub = await startHub();
  token = await signIn(hub.url);
});
afterAll(async () => {
  await hub?.kill('SIGTERM');
  if (hub) rmSync(hub.dataDir, { recursive: true, force: true });
});

const issue = async (service: string, priority = false) => {
  const answer = await call(hub.url, 'POST', '/api/tickets', { body: { service, priority } });
  expect(answer.status).toBe(201);
  return IssuedTicket.parse(answer.body);
};
const staff = (method: string, path: string, body?: unknown) =>
  call(hub.url, method, path, { token, ...(body === undefined ? {} : { body }) });
const errorOf = (body: unknown) => ApiError.parse(body).error;

/** Resets the demo's queue between tests: call everyone in and complete them. */
async function drain() {
  for (const desk of ['desk-1', 'desk-2']) {
    for (;;) {
      const answer = await staff('POST', `/api/desks/${desk}/call-next`);
      if (answer.status === 204) break;
    }
  }
  for (const desk of DeskStatus.array().parse((await call(hub.url, 'GET', '/api/desks')).body)) {
    if (desk.current) await staff('POST', `/api/tickets/${desk.current.id}/complete`);
  }
}

function openSocket(): Promise<{
  events: QueueEvent[];
  next(type: string, number?: string): Promise<QueueEvent>;
  close(): void;
}> {
  const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/api/events`);
  const events: QueueEvent[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    const parsed = QueueEvent.safeParse(JSON.parse(messageText(data)));
    if (parsed.success) events.push(parsed.data);
    waiters.splice(0).forEach((wake) => wake());
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        events,
        close: () => socket.close(),
        next: (type, number) =>
          new Promise((done, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`no ${type} event; got ${events.map((e) => e.type).join(', ')}`)),
              5000,
            );
            const look = () => {
              const found = events.find((e) => e.type === type && (number === undefined || e.ticket.number === number));
              if (found) {
                clearTimeout(timer);
                done(found);
              } else waiters.push(look);
            };
            look();
          }),
      }),
    );
  });
}

describe('public routes (kiosk and board)', () => {
  it('lists services and desks with ids and names', async () => {
    const services = await call<Array<{ id: string; name: string; prefix: string }>>(hub.url, 'GET', '/api/services');
    expect(services.status).toBe(200);
    expect(services.body.map((s) => s.id)).toEqual(['housing', 'council-tax', 'benefits', 'repairs', 'homelessness']);
    expect(services.body.every((s) => s.name.length > 0)).toBe(true);
    const desks = DeskStatus.array().parse((await call(hub.url, 'GET', '/api/desks')).body);
    expect(desks.map((d) => [d.id, d.name])).toEqual([
      ['desk-1', 'Desk 1'],
      ['desk-2', 'Desk 2'],
    ]);
  });

  it('issues a ticket: 201 with number, UTC issue time, position and estimate', async () => {
    const before = Date.now();
    const answer = await call(hub.url, 'POST', '/api/tickets', {
      body: { service: 'repairs', priority: false, kiosk: 'kiosk-1' },
    });
    expect(answer.status).toBe(201);
    const ticket = IssuedTicket.parse(answer.body);
    expect(ticket.number).toMatch(/^R\d{3}$/);
    expect(ticket.issuedAt).toMatch(/Z$/);
    expect(Date.parse(ticket.issuedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(ticket).toMatchObject({ service: 'repairs', kiosk: 'kiosk-1', state: 'waiting' });
    expect(ticket.position).toBeGreaterThanOrEqual(1);
    const second = await issue('repairs');
    expect(Number(second.number.slice(1))).toBe(Number(ticket.number.slice(1)) + 1);
    expect(second.position).toBe(ticket.position + 1);
    expect(second.estimatedWaitMinutes).toBeGreaterThan(ticket.estimatedWaitMinutes);
  });

  it('tells a kiosk what it offers and its screen timers, without its device settings', async () => {
    const kiosk = await call<Record<string, unknown>>(hub.url, 'GET', '/api/kiosks/kiosk-1');
    expect(kiosk.body).toEqual({
      id: 'kiosk-1',
      name: 'Entrance kiosk',
      offers: ['tickets', 'payments', 'information', 'feedback'],
      timers: { idleSeconds: 60, countdownSeconds: 30, returnSeconds: 15 },
    });
    expect((await call(hub.url, 'GET', '/api/kiosks/kiosk-9')).status).toBe(404);
  });

  it('shows a ticket’s own status to whoever holds its id', async () => {
    const ticket = await issue('benefits');
    const status = await call<{ number: string; position: number }>(hub.url, 'GET', `/api/tickets/${ticket.id}`);
    expect(status.body).toMatchObject({ number: ticket.number, position: ticket.position });
    expect((await call(hub.url, 'GET', '/api/tickets/not-a-ticket')).status).toBe(404);
  });
});

describe('bad input: a 4xx that says what is wrong, and nothing changes', () => {
  it('unknown service → 400 naming "service"; the next number is not used up', async () => {
    const before = await issue('homelessness');
    const answer = await call(hub.url, 'POST', '/api/tickets', { body: { service: 'parking' } });
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body)).toMatchObject({ code: 'unknown-service', field: 'service' });
    expect(errorOf(answer.body).message).toContain('parking');
    const after = await issue('homelessness');
    expect(Number(after.number.slice(1))).toBe(Number(before.number.slice(1)) + 1);
  });

  it('malformed JSON → 400 that says the body is not JSON', async () => {
    const answer = await call(hub.url, 'POST', '/api/tickets', { raw: '{"service": "housing",' });
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).code).toBe('malformed-json');
    expect(errorOf(answer.body).message).toMatch(/not valid JSON/);
  });

  it('a wrong type or an unknown field is named', async () => {
    const wrongType = await call(hub.url, 'POST', '/api/tickets', { body: { service: 'housing', priority: 'yes' } });
    expect(wrongType.status).toBe(400);
    expect(errorOf(wrongType.body).field).toBe('priority');
    const unknownField = await call(hub.url, 'POST', '/api/tickets', { body: { service: 'housing', colour: 'red' } });
    expect(errorOf(unknownField.body)).toMatchObject({ field: 'colour' });
    const missing = await call(hub.url, 'POST', '/api/tickets', { body: {} });
    expect(errorOf(missing.body).field).toBe('service');
    const unknownKiosk = await call(hub.url, 'POST', '/api/tickets', {
      body: { service: 'housing', kiosk: 'kiosk-9' },
    });
    expect(unknownKiosk.status).toBe(400);
    expect(errorOf(unknownKiosk.body)).toMatchObject({ code: 'unknown-kiosk', field: 'kiosk' });
  });

  it('unknown routes under /api are JSON 404s', async () => {
    const answer = await call(hub.url, 'GET', '/api/nothing-here');
    expect(answer.status).toBe(404);
    expect(errorOf(answer.body).code).toBe('not-found');
  });

  it('a ticket in the wrong state → 409 naming the ticket and its state, unchanged', async () => {
    const ticket = await issue('housing');
    const answer = await staff('POST', `/api/tickets/${ticket.id}/complete`);
    expect(answer.status).toBe(409);
    expect(errorOf(answer.body)).toMatchObject({ code: 'wrong-state' });
    expect(errorOf(answer.body).message).toContain(ticket.number);
    expect((await call<{ state: string }>(hub.url, 'GET', `/api/tickets/${ticket.id}`)).body.state).toBe('waiting');
  });

  it('transfer to an unknown service → 400 naming "service"', async () => {
    const ticket = await issue('housing');
    const answer = await staff('POST', `/api/tickets/${ticket.id}/transfer`, { service: 'nowhere' });
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).field).toBe('service');
  });

  it('reports refuse a period that is not ISO 8601 or ends before it starts', async () => {
    const bad = await staff('GET', '/api/reports/wait-standard?from=yesterday');
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).field).toBe('from');
    const backwards = await staff(
      'GET',
      '/api/reports/wait-standard?from=2026-11-02T10:00:00Z&to=2026-11-02T09:00:00Z',
    );
    expect(errorOf(backwards.body).field).toBe('to');
  });
});

describe('staff sign-in', () => {
  it('refuses a wrong password with 401 and no token', async () => {
    const answer = await call(hub.url, 'POST', '/api/auth/login', { body: { username: 'demo', password: 'wrong' } });
    expect(answer.status).toBe(401);
    expect(answer.body).not.toHaveProperty('token');
    expect(
      (await call(hub.url, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'demo' } })).status,
    ).toBe(401);
  });

  it('refuses further guesses for a username after 5 failures (429 with Retry-After)', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (await call(hub.url, 'POST', '/api/auth/login', { body: { username: 'mallory', password: `guess-${i}` } }))
          .status,
      ).toBe(401);
    const blocked = await call(hub.url, 'POST', '/api/auth/login', {
      body: { username: 'mallory', password: 'guess-6' },
    });
    expect(blocked.status).toBe(429);
    expect(errorOf(blocked.body).code).toBe('too-many-attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other accounts are not affected.
    expect(
      (await call(hub.url, 'POST', '/api/auth/login', { body: { username: 'demo', password: 'demo' } })).status,
    ).toBe(200);
  });

  it('staff routes answer 401 without a token, with a made-up one, and after sign-out', async () => {
    const ticket = await issue('housing');
    const routes: Array<[string, string]> = [
      ['POST', '/api/desks/desk-1/call-next'],
      ['POST', `/api/tickets/${ticket.id}/recall`],
      ['POST', `/api/tickets/${ticket.id}/no-show`],
      ['POST', `/api/tickets/${ticket.id}/complete`],
      ['POST', `/api/tickets/${ticket.id}/transfer`],
      ['GET', '/api/queue'],
      ['GET', '/api/reports/wait-standard'],
    ];
    for (const [method, path] of routes) {
      const none = await call(hub.url, method, path);
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(errorOf(none.body).code).toBe('sign-in-required');
      expect((await call(hub.url, method, path, { token: 'x'.repeat(43) })).status, `${method} ${path}`).toBe(401);
    }
    const temporary = await signIn(hub.url);
    expect((await call(hub.url, 'GET', '/api/queue', { token: temporary })).status).toBe(200);
    expect((await call(hub.url, 'POST', '/api/auth/logout', { token: temporary })).status).toBe(204);
    expect((await call(hub.url, 'GET', '/api/queue', { token: temporary })).status).toBe(401);
    // Nothing was called by the refused requests.
    expect((await call<{ state: string }>(hub.url, 'GET', `/api/tickets/${ticket.id}`)).body.state).toBe('waiting');
  });
});

describe('a ticket’s life, with events on the WebSocket', () => {
  it('issue → call → recall → transfer → call → complete, each pushed as it happens', async () => {
    await drain();
    const socket = await openSocket();
    try {
      const ticket = await issue('housing');
      expect((await socket.next('ticket.issued', ticket.number)).ticket.id).toBe(ticket.id);

      const called = await staff('POST', '/api/desks/desk-2/call-next');
      expect(called.status).toBe(200);
      const calledTicket = Ticket.parse(called.body);
      expect(calledTicket).toMatchObject({ id: ticket.id, number: ticket.number, desk: 'desk-2', state: 'called' });
      expect(calledTicket.calledAt).toMatch(/Z$/);
      expect((await socket.next('ticket.called', ticket.number)).ticket.desk).toBe('desk-2');

      const recent = RecentCall.array().parse((await call(hub.url, 'GET', '/api/calls/recent')).body);
      expect(recent[0]).toMatchObject({ number: ticket.number, desk: 'desk-2', deskName: 'Desk 2', recall: false });

      const recalled = Ticket.parse((await staff('POST', `/api/tickets/${ticket.id}/recall`)).body);
      expect(recalled.calledAt).toBe(calledTicket.calledAt);
      await socket.next('ticket.recalled', ticket.number);

      const transferred = Ticket.parse(
        (await staff('POST', `/api/tickets/${ticket.id}/transfer`, { service: 'repairs' })).body,
      );
      expect(transferred).toMatchObject({
        number: ticket.number,
        service: 'repairs',
        state: 'waiting',
        issuedAt: ticket.issuedAt,
      });
      await socket.next('ticket.transferred', ticket.number);

      const again = Ticket.parse((await staff('POST', '/api/desks/desk-2/call-next')).body);
      expect(again).toMatchObject({ id: ticket.id, calledAt: calledTicket.calledAt });
      const done = Ticket.parse((await staff('POST', `/api/tickets/${ticket.id}/complete`)).body);
      expect(done.state).toBe('completed');
      await socket.next('ticket.completed', ticket.number);
      expect((await staff('POST', '/api/desks/desk-2/call-next')).status).toBe(204);
    } finally {
      socket.close();
    }
  });

  it('no-show is pushed and the queue lists waiting tickets in call order (priority first)', async () => {
    await drain();
    const socket = await openSocket();
    try {
      const ordinary = await issue('council-tax');
      const priority = await issue('council-tax', true);
      const queue = QueueEntry.array().parse((await staff('GET', '/api/queue?service=council-tax')).body);
      expect(queue.map((t) => t.number)).toEqual([priority.number, ordinary.number]);
      expect(queue.map((t) => t.position)).toEqual([1, 2]);
      const called = Ticket.parse((await staff('POST', '/api/desks/desk-1/call-next')).body);
      expect(called.number).toBe(priority.number);
      await staff('POST', `/api/tickets/${called.id}/no-show`);
      expect((await socket.next('ticket.no-show', priority.number)).ticket.state).toBe('no-show');
    } finally {
      socket.close();
    }
  });
});

describe('desks', () => {
  it('staff open and close a desk; GET /api/desks shows it and the ticket being served', async () => {
    await drain();
    expect((await call(hub.url, 'POST', '/api/desks/desk-2/open')).status).toBe(401);
    const opened = DeskStatus.parse((await staff('POST', '/api/desks/desk-2/open')).body);
    expect(opened.open).toBe(true);
    const ticket = await issue('repairs');
    await staff('POST', '/api/desks/desk-2/call-next');
    const serving = DeskStatus.array()
      .parse((await call(hub.url, 'GET', '/api/desks')).body)
      .find((d) => d.id === 'desk-2');
    expect(serving?.current?.number).toBe(ticket.number);
    await staff('POST', `/api/tickets/${ticket.id}/complete`);
    const closed = DeskStatus.parse((await staff('POST', '/api/desks/desk-2/close')).body);
    expect(closed).toMatchObject({ open: false, current: null });
    expect((await staff('POST', '/api/desks/desk-9/open')).status).toBe(404);
  });
});

describe('wait-standard report', () => {
  it('counts the tickets called today, all within the 600 s standard', async () => {
    await drain();
    const from = new Date(Date.now() - 3600_000).toISOString();
    const answer = await staff('GET', `/api/reports/wait-standard?from=${encodeURIComponent(from)}`);
    expect(answer.status).toBe(200);
    const report = WaitStandardReport.parse(answer.body);
    expect(report.targetSeconds).toBe(600);
    expect(report.tickets).toBeGreaterThan(5);
    expect(report.breaches).toBe(0);
    expect(report.withinTarget).toBe(report.tickets - report.left - report.pending);
    expect(report.percentWithinTarget).toBe(100);
    expect(report.byService.map((s) => s.key)).toContain('housing');
    expect(report.medianWaitSeconds).not.toBeNull();
  });
});

describe('printing at the kiosk', () => {
  it('prints on kiosk-1’s (simulated) dispenser; unknown kiosk → 404', async () => {
    const ticket = await issue('housing');
    const printed = await call(hub.url, 'POST', '/api/kiosks/kiosk-1/print-ticket', { body: { ticketId: ticket.id } });
    expect(printed.status).toBe(200);
    expect(printed.body).toEqual({ printed: true });
    expect(
      (await call(hub.url, 'POST', '/api/kiosks/kiosk-9/print-ticket', { body: { ticketId: ticket.id } })).status,
    ).toBe(404);
    const noTicket = await call(hub.url, 'POST', '/api/kiosks/kiosk-1/print-ticket', { body: { ticketId: 'nope' } });
    expect(noTicket.status).toBe(404);
    expect(errorOf((await call(hub.url, 'POST', '/api/kiosks/kiosk-1/print-ticket', { body: {} })).body).field).toBe(
      'ticketId',
    );
  });
});

describe('security headers', () => {
  it('every answer carries CSP, nosniff and no framing', async () => {
    for (const path of ['/api/services', '/api/nothing', '/kiosk']) {
      const response = await fetch(`${hub.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain(`ws://${new URL(hub.url).host}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});
