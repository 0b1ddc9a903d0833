/**
 * A kiosk agent's heartbeats in an office: the hub's fleet view shows the kiosk as it reports
 * itself (its paper running low), notices when it goes quiet, and tells the fleet screen each change.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../contract/events.js';
import { FleetView, type FleetEvent } from '../../contract/fleet.js';
import { HeartbeatSender, rememberLastError } from '../../server/agent/heartbeat.js';
import { HubLink } from '../../server/agent/hub-link.js';
import { ManualClock } from '../../server/clock.js';
import { startOffice, until, type Office } from '../agent/office.js';

let office: Office | null = null;
afterEach(async () => {
  await office?.close();
  office = null;
});

async function kioskLine(o: Office, token: string, machineId: string) {
  const answer = await o.hubRequest('GET', '/api/fleet', undefined, token);
  expect(answer.status).toBe(200);
  return FleetView.parse(answer.body).machines.find((m) => m.machineId === machineId);
}

describe('kiosk agent heartbeat', () => {
  it('reaches the hub: ok, then paper low as a warning, then not seen once it stops; each change told', async () => {
    office = await startOffice();
    const o = office;
    const events: FleetEvent[] = [];
    o.hub().ctx.events.subscribe((event: ServerEvent) => {
      if (event.type === 'fleet.changed' && event.machineId === 'kiosk-a') events.push(event);
    });
    const token = await o.staffToken();
    const { agent } = await o.startAgent('kiosk-a', { heartbeatIntervalMs: 50 });

    await until('the hub shows kiosk-a ok', async () => (await kioskLine(o, token, 'kiosk-a'))?.status === 'ok');
    const ok = await kioskLine(o, token, 'kiosk-a');
    expect(ok?.problems).toEqual([]);
    expect(ok?.heartbeat).toMatchObject({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown,
      configVersion: agent.queue().status().configVersion,
      hub: 'online',
      lastError: null,
    });
    expect(ok?.heartbeat?.devices.map((device) => device.id)).toContain('ticket-printer');
    expect(ok?.heartbeat?.outboxes.map((outbox) => outbox.name)).toEqual(
      expect.arrayContaining(['offline-tickets', 'feedback']),
    );
    await until('fleet.changed told kiosk-a is ok', () => events.at(-1)?.status === 'ok');

    const printer = agent.server().ctx.devices.simulators?.('kiosk-a')?.ticketPrinter;
    if (!printer) throw new Error('kiosk-a has no simulated ticket printer');
    printer.setPaperNearEnd(true);
    await until(
      'the hub shows kiosk-a paper low',
      async () => (await kioskLine(o, token, 'kiosk-a'))?.status === 'warning',
      10_000,
    );
    expect((await kioskLine(o, token, 'kiosk-a'))?.problems).toEqual([
      "Ticket printer: The ticket printer's paper is running low.",
    ]);
    await until('fleet.changed told kiosk-a has a warning', () => events.at(-1)?.status === 'warning');

    await agent.close();
    o.hubClock.advance(61_000);
    expect(await kioskLine(o, token, 'kiosk-a')).toMatchObject({
      status: 'not-seen',
      problems: ['Not seen for 61 seconds.', "Ticket printer: The ticket printer's paper is running low."],
    });
    // The hub's own check (every second) notices; the time that passed is the hub's manual clock.
    await until('fleet.changed told kiosk-a is not seen', () => events.at(-1)?.status === 'not-seen');
    const statuses = events.map((event) => event.status).filter((status, i, all) => status !== all[i - 1]);
    expect(statuses.slice(statuses.lastIndexOf('ok'))).toEqual(['ok', 'warning', 'not-seen']);
  }, 30_000);
});

describe('heartbeat sender', () => {
  it('never throws: a hub that cannot be reached or a heartbeat that cannot be made is a missed one', async () => {
    const clock = new ManualClock(new Date('2026-12-01T09:00:00.000Z'));
    const logger = pino({ level: 'silent' });
    const link = new HubLink({
      hubUrl: 'http://127.0.0.1:9',
      credential: 'c'.repeat(43),
      clock,
      logger,
      configVersion: () => 'none',
    });
    const unreachable = new HeartbeatSender({
      link,
      logger,
      timeoutMs: 300,
      heartbeat: () => ({
        version: '0.1.0',
        uptimeSeconds: 0,
        configVersion: null,
        devices: [],
        lastError: null,
        outboxes: [],
        hub: 'offline',
      }),
    });
    await expect(unreachable.send()).resolves.toBe(false);
    const broken = new HeartbeatSender({
      link,
      logger,
      heartbeat: () => {
        throw new Error('the database is closed');
      },
    });
    await expect(broken.send()).resolves.toBe(false);
  });

  it("remembers the last error-level message, its children's too, and only the message", () => {
    const clock = new ManualClock(new Date('2026-12-01T09:00:00.000Z'));
    const { logger, lastError } = rememberLastError(pino({ level: 'silent' }), clock);
    expect(lastError()).toBeNull();
    logger.warn('only a warning');
    expect(lastError()).toBeNull();
    logger.error({ reference: 'resident data' }, 'receiver refused an outbox item');
    expect(lastError()).toEqual({ at: '2026-12-01T09:00:00.000Z', message: 'receiver refused an outbox item' });
    clock.advance(1000);
    logger.child({ outbox: 'payments' }).error(new Error('disk full'));
    expect(lastError()).toEqual({ at: '2026-12-01T09:00:01.000Z', message: 'disk full' });
  });
});
