/**
 * The hub's fleet routes: who may send a heartbeat and read the fleet, what a bad heartbeat is
 * told, what facilities see (the hub included), and when fleet.changed is published.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../contract/devices.js';
import type { ServerEvent } from '../../contract/events.js';
import { FleetView, type FleetEvent, type Heartbeat } from '../../contract/fleet.js';
import { ApiError } from '../../contract/queue.js';
import { SiteConfig } from '../../contract/config.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { createFleetModule, type FleetModule } from '../../server/fleet/module.js';
import { startMachinesServer, type MachinesServer } from '../machines/machines-server.js';

let hub: MachinesServer | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const paperLow: DeviceState = {
  id: 'ticket-printer',
  kind: 'ticket-printer',
  health: 'warning',
  reason: 'paper-near-end',
  detail: "The ticket printer's paper is running low.",
  kiosk: 'desk-1',
  updatedAt: '2026-07-14T09:00:00.000Z',
};

const heartbeat = (overrides: Partial<Heartbeat> = {}): Heartbeat => ({
  version: '0.1.0',
  uptimeSeconds: 30,
  configVersion: null,
  devices: [],
  lastError: null,
  outboxes: [],
  hub: null,
  ...overrides,
});

async function startFleetHub(config?: SiteConfig): Promise<{ hub: MachinesServer; fleet: FleetModule }> {
  let fleet: FleetModule | null = null;
  const started = await startMachinesServer({
    ...(config ? { config } : {}),
    extraModules: (machines) => {
      fleet = createFleetModule({ requireMachine: machines.requireMachine, machines: machines.reader });
      return [fleet];
    },
  });
  if (!fleet) throw new Error('the fleet module was not made');
  hub = started;
  return { hub: started, fleet };
}

const sendHeartbeat = (server: MachinesServer, credential: string, body: unknown) =>
  server.request('POST', '/api/fleet/heartbeat', {
    authorization: `Machine ${credential}`,
    body: body as Record<string, unknown>,
  });

async function fleetView(server: MachinesServer): Promise<FleetView> {
  const answer = await server.request('GET', '/api/fleet', { authorization: `Bearer ${server.staffToken}` });
  expect(answer.status).toBe(200);
  return FleetView.parse(answer.body);
}

const line = (view: FleetView, machineId: string) => view.machines.find((m) => m.machineId === machineId);

function fleetEvents(server: MachinesServer): FleetEvent[] {
  const seen: FleetEvent[] = [];
  server.server.ctx.events.subscribe((event: ServerEvent) => {
    if (event.type === 'fleet.changed') seen.push(event);
  });
  return seen;
}

describe('POST /api/fleet/heartbeat', () => {
  it('refuses a caller with no machine credential or an unknown one (401) and a revoked machine (403)', async () => {
    const { hub: server } = await startFleetHub();
    const none = await server.request('POST', '/api/fleet/heartbeat', { body: heartbeat() });
    expect(none.status).toBe(401);
    expect(ApiError.parse(none.body).error.code).toBe('machine-credential-required');
    const staff = await server.request('POST', '/api/fleet/heartbeat', {
      authorization: `Bearer ${server.staffToken}`,
      body: heartbeat(),
    });
    expect(staff.status).toBe(401);
    expect((await sendHeartbeat(server, 'x'.repeat(43), heartbeat())).status).toBe(401);

    const credential = await server.credentialUnchecked('desk-1', 'desk');
    const revoked = await server.request('POST', '/api/machines/desk-1/revoke', {
      authorization: `Bearer ${server.staffToken}`,
    });
    expect(revoked.status).toBe(200);
    const refused = await sendHeartbeat(server, credential, heartbeat());
    expect(refused.status).toBe(403);
    expect(ApiError.parse(refused.body).error.code).toBe('machine-revoked');
  });

  it('takes a heartbeat from any enrolled machine, a desk as well as a kiosk', async () => {
    const { hub: server } = await startFleetHub();
    const desk = await server.credentialUnchecked('desk-1', 'desk');
    const display = await server.credentialUnchecked('display-1', 'display');
    expect((await sendHeartbeat(server, desk, heartbeat())).status).toBe(204);
    expect((await sendHeartbeat(server, display, heartbeat())).status).toBe(204);
    const view = await fleetView(server);
    expect(line(view, 'desk-1')).toMatchObject({ role: 'desk', status: 'ok' });
    expect(line(view, 'display-1')).toMatchObject({ role: 'display', status: 'ok' });
  });

  it('answers 400 naming the field of a heartbeat that is not valid, and keeps nothing of it', async () => {
    const { hub: server } = await startFleetHub();
    const credential = await server.credentialUnchecked('desk-1', 'desk');
    const negative = await sendHeartbeat(server, credential, heartbeat({ uptimeSeconds: -1 }));
    expect(negative.status).toBe(400);
    expect(ApiError.parse(negative.body).error).toMatchObject({ code: 'invalid-input', field: 'uptimeSeconds' });

    const badDevice = await sendHeartbeat(server, credential, {
      ...heartbeat(),
      devices: [{ ...paperLow, health: 'poorly' }],
    });
    expect(ApiError.parse(badDevice.body).error.field).toBe('devices.0.health');

    const unknown = await sendHeartbeat(server, credential, { ...heartbeat(), cardNumber: '4111' });
    expect(unknown.status).toBe(400);
    expect(ApiError.parse(unknown.body).error.field).toBe('cardNumber');

    expect(line(await fleetView(server), 'desk-1')).toMatchObject({ status: 'not-seen', heartbeat: null });
  });

  it('keeps the last heartbeat only, one row per machine, stamped with the hub clock', async () => {
    const { hub: server } = await startFleetHub();
    const credential = await server.credentialUnchecked('desk-1', 'desk');
    await sendHeartbeat(server, credential, heartbeat({ uptimeSeconds: 30 }));
    server.clock.advance(15_000);
    await sendHeartbeat(server, credential, heartbeat({ uptimeSeconds: 45, devices: [paperLow] }));
    const rows = server.server.ctx.db.prepare('SELECT COUNT(*) FROM fleet_heartbeats').pluck().get();
    expect(rows).toBe(1);
    expect(line(await fleetView(server), 'desk-1')).toMatchObject({
      status: 'warning',
      problems: ["Ticket printer: The ticket printer's paper is running low."],
      lastHeartbeatAt: '2026-07-14T09:00:15.000Z',
      heartbeat: { uptimeSeconds: 45 },
    });
  });
});

describe('GET /api/fleet', () => {
  it('refuses a caller who is not signed in as staff (401), a machine included', async () => {
    const { hub: server } = await startFleetHub();
    expect((await server.request('GET', '/api/fleet')).status).toBe(401);
    const credential = await server.credentialUnchecked('kiosk-1', 'kiosk');
    expect((await server.request('GET', '/api/fleet', { authorization: `Machine ${credential}` })).status).toBe(401);
  });

  it('lists the hub and every enrolled, unrevoked machine, faults first, and says how long quiet ones were silent', async () => {
    const { hub: server } = await startFleetHub();
    const desk = await server.credentialUnchecked('desk-1', 'desk');
    await server.credentialUnchecked('display-1', 'display');
    const gone = await server.credentialUnchecked('desk-2', 'desk');
    await sendHeartbeat(server, gone, heartbeat());
    await server.request('POST', '/api/machines/desk-2/revoke', { authorization: `Bearer ${server.staffToken}` });
    await server.newCode('kiosk-9', 'kiosk');
    await sendHeartbeat(server, desk, heartbeat());
    server.clock.advance(3 * 60_000);

    const view = await fleetView(server);
    expect(view.generatedAt).toBe('2026-07-14T09:03:00.000Z');
    expect(view.notSeenAfterSeconds).toBe(60);
    expect(view.machines.map((m) => `${m.status} ${m.machineId}`)).toEqual([
      'not-seen desk-1',
      'not-seen display-1',
      'ok hub',
    ]);
    expect(line(view, 'desk-1')?.problems).toEqual(['Not seen for 3 minutes.']);
    expect(line(view, 'display-1')?.problems).toEqual(['No heartbeat received since it joined the hub.']);
    expect(line(view, 'hub')).toMatchObject({
      role: 'hub',
      clockOffsetMs: 0,
      lastHeartbeatAt: '2026-07-14T09:03:00.000Z',
      heartbeat: { version: packageVersion, uptimeSeconds: 180, hub: null },
    });
  });

  it('flags a machine whose clock is off, from what its own requests said', async () => {
    const { hub: server } = await startFleetHub();
    const desk = await server.credentialUnchecked('desk-1', 'desk');
    const answer = await server.request('POST', '/api/fleet/heartbeat', {
      authorization: `Machine ${desk}`,
      headers: { 'x-machine-time': '2026-07-14T08:55:00.000Z' },
      body: heartbeat(),
    });
    expect(answer.status).toBe(204);
    expect(line(await fleetView(server), 'desk-1')).toMatchObject({
      status: 'warning',
      clockOffsetMs: 300_000,
      problems: ["Clock 300 s behind the hub: set the machine's time (NTP)."],
    });
  });
});

describe('fleet.notSeenAfterSeconds', () => {
  it("is the site's to set, and a key it does not know is refused", async () => {
    const config = SiteConfig.parse({ ...demoSiteConfig(), fleet: { notSeenAfterSeconds: 120 } });
    const { hub: server } = await startFleetHub(config);
    const desk = await server.credentialUnchecked('desk-1', 'desk');
    await sendHeartbeat(server, desk, heartbeat());
    server.clock.advance(90_000);
    const view = await fleetView(server);
    expect(view.notSeenAfterSeconds).toBe(120);
    expect(line(view, 'desk-1')?.status).toBe('ok');

    const typo = SiteConfig.safeParse({ ...demoSiteConfig(), fleet: { notSeenAfterSecs: 120 } });
    expect(typo.success).toBe(false);
    expect(SiteConfig.parse(demoSiteConfig()).fleet.notSeenAfterSeconds).toBe(60);
  });
});

describe('fleet.changed', () => {
  it('is published when a heartbeat changes what is wrong, not for one that changes nothing', async () => {
    const { hub: server, fleet } = await startFleetHub();
    const desk = await server.credentialUnchecked('desk-1', 'desk');
    fleet.check();
    const events = fleetEvents(server);

    await sendHeartbeat(server, desk, heartbeat());
    expect(events).toEqual([
      { type: 'fleet.changed', at: '2026-07-14T09:00:00.000Z', machineId: 'desk-1', status: 'ok' },
    ]);
    server.clock.advance(15_000);
    await sendHeartbeat(server, desk, heartbeat({ uptimeSeconds: 45 }));
    expect(events).toHaveLength(1);
    await sendHeartbeat(server, desk, heartbeat({ devices: [paperLow] }));
    expect(events.at(-1)).toMatchObject({ machineId: 'desk-1', status: 'warning' });
    await sendHeartbeat(
      server,
      desk,
      heartbeat({ devices: [{ ...paperLow, health: 'fault', reason: 'paper-end', detail: 'Out.' }] }),
    );
    expect(events.at(-1)).toMatchObject({ machineId: 'desk-1', status: 'fault' });
    expect(events).toHaveLength(3);
  });

  it('is published by the check when a machine goes quiet past notSeenAfterSeconds, once', async () => {
    const { hub: server, fleet } = await startFleetHub();
    const desk = await server.credentialUnchecked('desk-1', 'desk');
    await sendHeartbeat(server, desk, heartbeat());
    fleet.check();
    const events = fleetEvents(server);

    server.clock.advance(60_000);
    fleet.check();
    expect(events).toEqual([]);
    server.clock.advance(1_000);
    fleet.check();
    expect(events).toEqual([
      { type: 'fleet.changed', at: '2026-07-14T09:01:01.000Z', machineId: 'desk-1', status: 'not-seen' },
    ]);
    server.clock.advance(5 * 60_000);
    fleet.check();
    expect(events).toHaveLength(1);

    await sendHeartbeat(server, desk, heartbeat());
    expect(events.at(-1)).toMatchObject({ machineId: 'desk-1', status: 'ok' });
  });
});
