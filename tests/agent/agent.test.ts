/**
 * A kiosk agent against a hub in the same process: tickets come from the hub while it is there, from
 * the kiosk's offline series while it is away, and every offline ticket reaches the hub's queue once,
 * at its (corrected) kiosk issue time.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AgentStatus, KioskTicket, protocolVersion, protocolVersionHeader } from '../../contract/agent.js';
import { QueueEntry } from '../../contract/queue.js';
import { AgentStartError, type KioskAgent } from '../../server/agent/agent.js';
import { ManualClock } from '../../server/clock.js';
import { officeConfig, startOffice, until, type Office } from './office.js';

let office: Office | null = null;
afterEach(async () => {
  await office?.close();
  office = null;
});

async function agentRequest(agent: KioskAgent, method: 'GET' | 'POST', url: string, body?: Record<string, unknown>) {
  const response = await agent.server().app.inject({ method, url, ...(body === undefined ? {} : { payload: body }) });
  return { status: response.statusCode, body: response.body ? response.json<unknown>() : undefined };
}

const takeTicket = async (agent: KioskAgent, kiosk: string, service = 'housing') => {
  const answer = await agentRequest(agent, 'POST', '/api/tickets', { service, kiosk });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return KioskTicket.parse(answer.body);
};

const hubQueue = async (o: Office) => {
  const token = await o.staffToken();
  const answer = await o.hubRequest('GET', '/api/queue', undefined, token);
  expect(answer.status).toBe(200);
  return z.array(QueueEntry).parse(answer.body);
};

const status = async (agent: KioskAgent) =>
  AgentStatus.parse((await agentRequest(agent, 'GET', '/api/agent/status')).body);

describe('kiosk agent', () => {
  it('takes tickets from the hub while it is there and prints them on its own printer', async () => {
    office = await startOffice();
    const { agent } = await office.startAgent('kiosk-a');
    await until('the agent reaches the hub', () => agent.link.state === 'online');

    const ticket = await takeTicket(agent, 'kiosk-a');
    expect(ticket).toMatchObject({ number: 'H001', offline: false, kiosk: 'kiosk-a', position: 1 });
    expect((await hubQueue(office)).map((t) => t.number)).toEqual(['H001']);

    const printed = await agentRequest(agent, 'POST', '/api/kiosks/kiosk-a/print-ticket', { ticketId: ticket.id });
    expect(printed.body).toEqual({ printed: true });
  });

  it('keeps issuing with the hub away, then delivers each offline ticket once, in issue order', async () => {
    office = await startOffice();
    const a = await office.startAgent('kiosk-a');
    const b = await office.startAgent('kiosk-b');
    await until('both agents reach the hub', () => a.agent.link.state === 'online' && b.agent.link.state === 'online');
    await takeTicket(a.agent, 'kiosk-a');

    await office.stopHub();
    await until(
      'both agents notice the hub is away',
      () => a.agent.link.state === 'offline' && b.agent.link.state === 'offline',
    );
    const clocks = [office.hubClock, a.clock, b.clock];
    const minutePasses = () => clocks.forEach((clock) => clock.advance(60_000));
    const offline: KioskTicket[] = [];
    minutePasses();
    offline.push(await takeTicket(a.agent, 'kiosk-a'));
    minutePasses();
    offline.push(await takeTicket(b.agent, 'kiosk-b'));
    minutePasses();
    offline.push(await takeTicket(a.agent, 'kiosk-a'));
    expect(offline.map((t) => t.number)).toEqual(['H-A01', 'H-B01', 'H-A02']);
    expect(offline.every((t) => t.offline && t.position === null && t.estimatedWaitMinutes === null)).toBe(true);
    const reprint = await agentRequest(a.agent, 'POST', '/api/kiosks/kiosk-a/print-ticket', {
      ticketId: offline[0]?.id,
    });
    expect(reprint.body).toEqual({ printed: true });
    expect((await status(a.agent)).offlineTicketsWaiting).toBe(2);

    minutePasses();
    await office.restartHub();
    const live = office;
    await until('every offline ticket is in the hub queue', async () => (await hubQueue(live)).length === 4);
    await a.agent.queue().deliverOffline();
    await b.agent.queue().deliverOffline();

    const queue = await hubQueue(office);
    expect(queue.map((t) => t.number)).toEqual(['H001', 'H-A01', 'H-B01', 'H-A02']);
    expect(queue.map((t) => t.issuedAt)).toEqual([
      '2026-12-01T09:00:00.000Z',
      '2026-12-01T09:01:00.000Z',
      '2026-12-01T09:02:00.000Z',
      '2026-12-01T09:03:00.000Z',
    ]);
    expect((await status(a.agent)).offlineTicketsWaiting).toBe(0);
  });

  it("corrects an offline ticket's time by the kiosk clock's measured offset", async () => {
    office = await startOffice();
    const slow = new ManualClock(new Date(office.hubClock.now().getTime() - 5 * 60_000));
    const { agent, clock } = await office.startAgent('kiosk-a', { clock: slow });
    await until('the agent reaches the hub', () => agent.link.state === 'online');
    expect(agent.link.clockOffsetMs).toBe(5 * 60_000);

    await office.stopHub();
    await until('the agent notices the hub is away', () => agent.link.state === 'offline');
    clock.advance(2 * 60_000);
    office.hubClock.advance(2 * 60_000);
    const ticket = await takeTicket(agent, 'kiosk-a');
    expect(ticket.issuedAt).toBe('2026-12-01T08:57:00.000Z');

    office.hubClock.advance(60_000);
    clock.advance(60_000);
    await office.restartHub();
    const live = office;
    await until('the offline ticket is in the hub queue', async () => (await hubQueue(live)).length === 1);
    const [entry] = await hubQueue(office);
    expect(entry).toMatchObject({ number: 'H-A01', issuedAt: '2026-12-01T09:02:00.000Z' });
  });

  it('refuses tickets once facilities revoke the kiosk, and the hub stores nothing', async () => {
    office = await startOffice();
    const { agent } = await office.startAgent('kiosk-a');
    await until('the agent reaches the hub', () => agent.link.state === 'online');
    const token = await office.staffToken();
    expect((await office.hubRequest('POST', '/api/machines/kiosk-a/revoke', {}, token)).status).toBe(200);
    await until('the agent hears it is refused', () => agent.link.state === 'refused');

    const answer = await agentRequest(agent, 'POST', '/api/tickets', { service: 'housing', kiosk: 'kiosk-a' });
    expect(answer.status).toBe(503);
    expect(JSON.stringify(answer.body)).toMatch(/facilities/);
    expect(await hubQueue(office)).toEqual([]);
  });

  it('starts with the hub away on the config it fetched last time', async () => {
    office = await startOffice();
    const first = await office.startAgent('kiosk-a');
    await first.agent.close();
    await office.stopHub();
    const again = await office.restartAgent('kiosk-a', first.dataDir, first.clock);
    expect(again.link.state).toBe('offline');
    expect((await takeTicket(again, 'kiosk-a')).number).toBe('H-A01');
  });

  it('refuses to start, naming what to do, once the kiosk is taken out of the site config', async () => {
    const config = officeConfig();
    office = await startOffice(config);
    const b = await office.startAgent('kiosk-b');
    await b.agent.close();
    await office.stopHub();
    await office.restartHub({ ...config, kiosks: config.kiosks.filter((k) => k.id !== 'kiosk-b') });
    const refused = office.restartAgent('kiosk-b', b.dataDir, b.clock);
    await expect(refused).rejects.toThrow(AgentStartError);
    await expect(refused).rejects.toThrow(/kiosks/);
  });

  it('takes a newer config from the hub, and runs it once the screen asks from its attract screen', async () => {
    const config = officeConfig();
    office = await startOffice(config);
    const { agent } = await office.startAgent('kiosk-a');
    await until('the agent reaches the hub', () => agent.link.state === 'online');
    const before = await status(agent);
    expect(await agent.checkConfig()).toBe(false);

    await office.stopHub();
    const renamed = {
      ...config,
      services: config.services.map((s) => (s.id === 'housing' ? { ...s, name: 'Housing and homes' } : s)),
    };
    await office.restartHub(renamed);
    expect(await agent.checkConfig()).toBe(true);
    const waiting = await status(agent);
    expect(waiting.configVersion).toBe(before.configVersion);
    expect(waiting.pendingConfigVersion).not.toBeNull();
    const servicesNow = await agentRequest(agent, 'GET', '/api/services');
    expect(JSON.stringify(servicesNow.body)).not.toContain('Housing and homes');

    const asked = await agentRequest(agent, 'POST', '/api/agent/apply-config');
    expect(asked.body, JSON.stringify(asked.body)).toMatchObject({
      applying: true,
      version: waiting.pendingConfigVersion,
    });
    await until('the new config runs', async () => {
      const now = await status(agent).catch(() => null);
      return now?.configVersion === waiting.pendingConfigVersion && now.pendingConfigVersion === null;
    });
    const services = await agentRequest(agent, 'GET', '/api/services');
    expect(JSON.stringify(services.body)).toContain('Housing and homes');

    const live = office;
    const token = await live.staffToken();
    await until('the hub hears which version the kiosk runs', async () => {
      await agent.link.probe();
      const machines = await live.hubRequest('GET', '/api/machines', undefined, token);
      return JSON.stringify(machines.body).includes(waiting.pendingConfigVersion ?? 'none');
    });
  });

  it('takes payments and feedback with the hub away, and the hub receives each once, from this kiosk', async () => {
    office = await startOffice();
    const { agent, clock } = await office.startAgent('kiosk-a');
    await until('the agent reaches the hub', () => agent.link.state === 'online');
    await office.stopHub();
    await until('the agent notices the hub is away', () => agent.link.state === 'offline');

    const paymentId = randomUUID();
    const started = await agentRequest(agent, 'POST', '/api/payments', {
      id: paymentId,
      kiosk: 'kiosk-a',
      type: 'council-tax',
      reference: '12345679',
      amountPence: 2500,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await until('the simulated terminal approves', async () => {
      const payment = await agentRequest(agent, 'GET', `/api/payments/${paymentId}`);
      return JSON.stringify(payment.body).includes('"outcome":"approved"');
    });
    const feedbackId = randomUUID();
    const tapped = await agentRequest(agent, 'POST', '/api/feedback', {
      id: feedbackId,
      rating: 'good',
      touchpoint: 'kiosk',
      kiosk: 'kiosk-a',
      at: clock.now().toISOString(),
    });
    expect(tapped.status).toBe(201);

    await office.restartHub();
    const live = office;
    const token = await live.staffToken();
    await until('the hub has the payment', async () => {
      const list = await live.hubRequest('GET', '/api/payments', undefined, token);
      return JSON.stringify(list.body).includes(paymentId);
    });
    await until('the hub has the feedback', async () => {
      const report = await live.hubRequest('GET', '/api/reports/feedback', undefined, token);
      return JSON.stringify(report.body).includes('"good":1');
    });
    const list = await live.hubRequest('GET', '/api/payments', undefined, token);
    expect(JSON.stringify(list.body).split(paymentId).length - 1).toBe(1);
    expect(JSON.stringify(list.body)).toContain('"kiosk":"kiosk-a"');
    expect(JSON.stringify(list.body)).not.toMatch(/\b\d{13,19}\b/);
  });

  it('refuses to run against a hub that speaks another protocol, saying which to update', async () => {
    office = await startOffice();
    const first = await office.startAgent('kiosk-a');
    await first.agent.close();
    const hubUrl = office.hubUrl;
    // A hub of a newer build: the same answers, another protocol version.
    const newerHub = createHttpServer((request, response) => {
      void fetch(`${hubUrl}${request.url ?? '/'}`, {
        method: request.method ?? 'GET',
        headers: { authorization: request.headers.authorization ?? '' },
      }).then(async (answer) => {
        const headers = Object.fromEntries(answer.headers);
        response.writeHead(answer.status, { ...headers, [protocolVersionHeader]: String(protocolVersion + 1) });
        response.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => newerHub.listen(0, '127.0.0.1', resolve));
    const address = newerHub.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const refused = office.restartAgent('kiosk-a', first.dataDir, first.clock, {
        hubUrl: `http://127.0.0.1:${port}`,
      });
      await expect(refused).rejects.toThrow(AgentStartError);
      await expect(refused).rejects.toThrow(/speaks protocol 1 and the hub .* speaks protocol 2: update this kiosk/);
    } finally {
      newerHub.close();
    }
  });
});
