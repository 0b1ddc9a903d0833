/**
 * Health and metrics of a kiosk agent and its hub in one process (tests/agent/office.ts): the
 * agent is not ready with the hub away and says so, its offline tickets wait in its outbox gauge,
 * and once delivered the hub counts them as offline tickets; the hub shows each machine's last contact.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KioskTicket } from '../../contract/agent.js';
import type { KioskAgent } from '../../server/agent/agent.js';
import { startOffice, until, type Office } from '../agent/office.js';
import { sample } from './metrics-server.js';

let office: Office | null = null;
afterEach(async () => {
  await office?.close();
  office = null;
});

const Readiness = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean() })),
  problems: z.array(z.string()).optional(),
});

const agentGet = async (agent: KioskAgent, url: string) => {
  const response = await agent.server().app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.body };
};
const readiness = async (agent: KioskAgent) => {
  const answer = await agentGet(agent, '/readyz');
  return { status: answer.status, body: Readiness.parse(JSON.parse(answer.body)) };
};
const hubMetrics = async (o: Office) => (await o.hub().app.inject({ method: 'GET', url: '/metrics' })).body;

describe('kiosk agent health and metrics', () => {
  it('is ready with the hub reachable, and 503 naming the hub while it is away', async () => {
    office = await startOffice();
    const { agent } = await office.startAgent('kiosk-a');
    await until('the agent reaches the hub', () => agent.link.state === 'online');
    await until('the agent is ready', async () => (await readiness(agent)).status === 200);
    expect((await readiness(agent)).body.checks.map((check) => check.name)).toEqual(['database', 'devices', 'hub']);

    await office.stopHub();
    await until('the agent notices the hub is away', () => agent.link.state === 'offline');
    const away = await readiness(agent);
    expect(away.status).toBe(503);
    expect(away.body.checks.find((check) => check.name === 'hub')?.ok).toBe(false);
    expect(away.body.problems).toEqual([expect.stringMatching(/^The hub at http:\/\/.* cannot be reached/)]);
    // Alive all the same: the kiosk goes on issuing offline tickets.
    expect((await agentGet(agent, '/healthz')).status).toBe(200);
  });

  it('shows offline tickets waiting on the agent, then counts them on the hub as offline', async () => {
    office = await startOffice();
    const { agent, clock } = await office.startAgent('kiosk-a');
    await until('the agent reaches the hub', () => agent.link.state === 'online');
    // The hub records a machine's contact to the minute: half a minute on, it was last seen 30 s ago.
    office.hubClock.advance(30_000);
    const hubBefore = await hubMetrics(office);
    expect(sample(hubBefore, 'reception_machine_last_seen_age_seconds', { machine: 'kiosk-a', role: 'kiosk' })).toBe(
      30,
    );

    await office.stopHub();
    await until('the agent notices the hub is away', () => agent.link.state === 'offline');
    const taken = await agent.server().app.inject({
      method: 'POST',
      url: '/api/tickets',
      payload: { service: 'housing', kiosk: 'kiosk-a' },
    });
    expect(taken.statusCode).toBe(201);
    const ticket = KioskTicket.parse(taken.json());
    expect(ticket.offline).toBe(true);

    clock.advance(45_000);
    const agentText = (await agentGet(agent, '/metrics')).body;
    expect(sample(agentText, 'reception_outbox_pending_items', { outbox: 'offline-tickets' })).toBe(1);
    expect(sample(agentText, 'reception_outbox_oldest_pending_age_seconds', { outbox: 'offline-tickets' })).toBe(45);
    expect(
      sample(agentText, 'reception_device_health', { kiosk: 'kiosk-a', device: 'ticket-printer', health: 'ok' }),
    ).toBe(1);
    expect(agentText).not.toContain(ticket.id);

    await office.restartHub();
    const live = office;
    await until(
      'the offline ticket reaches the hub',
      async () =>
        sample(await hubMetrics(live), 'reception_tickets_issued_total', {
          service: 'housing',
          origin: 'kiosk-offline',
        }) === 1,
    );
    await agent.queue().deliverOffline();
    const agentAfter = (await agentGet(agent, '/metrics')).body;
    expect(sample(agentAfter, 'reception_outbox_pending_items', { outbox: 'offline-tickets' })).toBe(0);
    expect(sample(agentAfter, 'reception_outbox_oldest_pending_age_seconds', { outbox: 'offline-tickets' })).toBe(0);
    expect(await hubMetrics(office)).not.toContain(ticket.number);
  });
});
