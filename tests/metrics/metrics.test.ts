/**
 * GET /metrics: Prometheus text counting what the server did (tickets issued and called, payment
 * outcomes), gauges read when scraped, request timings by route pattern, never a ticket's id or
 * number in a label; served on loopback and to staff, refused to anyone else.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { outcomeOf, type PaymentState } from '../../contract/payments.js';
import { IssuedTicket } from '../../contract/queue.js';
import { Outbox } from '../../server/outbox/outbox.js';
import { startMetricsServer, sample, type MetricsServer } from './metrics-server.js';

const servers: MetricsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
const start = async () => {
  const server = await startMetricsServer();
  servers.push(server);
  return server;
};

const scrape = async (server: MetricsServer) => {
  const answer = await server.request('GET', '/metrics');
  expect(answer.status).toBe(200);
  return answer.body;
};

const issue = async (server: MetricsServer, service: string) => {
  const answer = await server.request('POST', '/api/tickets', { body: { service } });
  expect(answer.status, answer.body).toBe(201);
  return IssuedTicket.parse(JSON.parse(answer.body));
};

describe('/metrics', () => {
  it('counts tickets issued by service and origin, and tickets called, in Prometheus text', async () => {
    const server = await start();
    const token = await server.staffToken();
    const first = await issue(server, 'housing');
    await issue(server, 'housing');
    await issue(server, 'repairs');
    const called = await server.request('POST', '/api/desks/desk-1/call-next', { token });
    expect(called.status, called.body).toBe(200);

    const response = await server.request('GET', '/metrics');
    expect(response.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(sample(text, 'reception_tickets_issued_total', { service: 'housing', origin: 'hub' })).toBe(2);
    expect(sample(text, 'reception_tickets_issued_total', { service: 'repairs', origin: 'hub' })).toBe(1);
    expect(sample(text, 'reception_tickets_called_total', { service: 'housing' })).toBe(1);
    expect(text).toContain('# TYPE reception_payment_results_total counter');

    // Timings by route pattern and status class; no ticket id or number anywhere in the text.
    expect(
      sample(text, 'reception_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/tickets',
        status_class: '2xx',
      }),
    ).toBe(3);
    expect(
      sample(text, 'reception_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/desks/:desk/call-next',
        status_class: '2xx',
      }),
    ).toBe(1);
    expect(text).not.toContain(first.id);
    expect(text).not.toContain(`"${first.number}"`);
  });

  it('labels a status page request by its pattern, not by the ticket id in its path', async () => {
    const server = await start();
    const ticket = await issue(server, 'benefits');
    expect((await server.request('GET', `/api/tickets/${ticket.id}`)).status).toBe(200);
    expect((await server.request('GET', '/api/tickets/no-such-ticket')).status).toBe(404);
    expect((await server.request('GET', '/no/such/route')).status).toBe(404);
    const text = await scrape(server);
    const labels = { method: 'GET', route: '/api/tickets/:id' };
    expect(sample(text, 'reception_http_request_duration_seconds_count', { ...labels, status_class: '2xx' })).toBe(1);
    expect(sample(text, 'reception_http_request_duration_seconds_count', { ...labels, status_class: '4xx' })).toBe(1);
    expect(
      sample(text, 'reception_http_request_duration_seconds_count', { route: 'unmatched', status_class: '4xx' }),
    ).toBe(1);
    expect(text).not.toContain(ticket.id);
    expect(text).not.toContain('no-such');
  });

  it('counts each payment outcome once, though a result is published again when its receipt prints', async () => {
    const server = await start();
    const result = (id: string, state: PaymentState) =>
      server.server.ctx.events.publish({
        type: 'payment.result',
        at: server.clock.now().toISOString(),
        id,
        kiosk: 'kiosk-1',
        state,
        outcome: outcomeOf(state),
      });
    const approved = randomUUID();
    result(approved, 'approved');
    result(approved, 'receipt-printed');
    result(randomUUID(), 'declined');
    const text = await scrape(server);
    expect(sample(text, 'reception_payment_results_total', { outcome: 'approved' })).toBe(1);
    expect(sample(text, 'reception_payment_results_total', { outcome: 'declined' })).toBe(1);
    expect(text).not.toContain(approved);
  });

  it('counts a tap once when the hub issues it again under the offline number its resident holds', async () => {
    const server = await start();
    const issued = await issue(server, 'housing');
    const { position: _position, estimatedWaitMinutes: _wait, ...ticket } = issued;
    server.server.ctx.events.publish({
      type: 'ticket.issued',
      at: server.clock.now().toISOString(),
      ticket: { ...ticket, number: 'H-A01' },
    });
    const text = await scrape(server);
    expect(sample(text, 'reception_tickets_issued_total', { service: 'housing', origin: 'hub' })).toBe(1);
    expect(sample(text, 'reception_tickets_issued_total', { service: 'housing', origin: 'kiosk-offline' })).toBe(
      undefined,
    );
  });

  it('gives each server its own counts (two servers in one process)', async () => {
    const one = await start();
    const two = await start();
    await issue(one, 'housing');
    expect(sample(await scrape(one), 'reception_tickets_issued_total', { service: 'housing' })).toBe(1);
    expect(sample(await scrape(two), 'reception_tickets_issued_total', { service: 'housing' })).toBeUndefined();
  });

  it('reads outbox depth and the age of its oldest item when scraped', async () => {
    const server = await start();
    const { ctx } = server.server;
    const outbox = new Outbox(ctx.db, {
      name: 'test-outbox',
      send: () => Promise.reject(new Error('receiver away')),
      clock: ctx.clock,
      logger: ctx.logger,
    });
    outbox.enqueue('thing', 'a', {});
    server.clock.advance(90_000);
    outbox.enqueue('thing', 'b', {});
    server.clock.advance(30_000);
    const text = await scrape(server);
    expect(sample(text, 'reception_outbox_pending_items', { outbox: 'test-outbox' })).toBe(2);
    expect(sample(text, 'reception_outbox_oldest_pending_age_seconds', { outbox: 'test-outbox' })).toBe(120);
  });

  it('serves loopback callers and staff, and refuses anyone else', async () => {
    const server = await start();
    const elsewhere = { address: '192.0.2.10' };
    const refused = await server.request('GET', '/metrics', elsewhere);
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('loopback');
    expect(refused.body).not.toContain('reception_');
    const badToken = await server.request('GET', '/metrics', { ...elsewhere, token: 'not-a-session' });
    expect(badToken.status).toBe(401);

    const token = await server.staffToken();
    const staff = await server.request('GET', '/metrics', { ...elsewhere, token });
    expect(staff.status).toBe(200);
    expect(staff.body).toContain('reception_tickets_issued_total');
    for (const address of ['127.0.0.1', '::1'])
      expect((await server.request('GET', '/metrics', { address })).status).toBe(200);
  });
});
