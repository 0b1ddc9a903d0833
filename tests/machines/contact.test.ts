/**
 * Every request a machine makes tells the hub its clock and config version; every /api/ answer tells
 * the machine the hub's clock. Facilities see each machine's offset and version in the fleet view,
 * with a clock too far off flagged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SiteConfig } from '../../contract/config.js';
import { EnrolResponse, MachineList } from '../../contract/machines.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { startMachinesServer, type MachinesServer } from './machines-server.js';

let hub: MachinesServer;
afterEach(async () => hub?.close());

async function join(machineId: string, role: 'kiosk' | 'desk' | 'display'): Promise<string> {
  const answer = await hub.request('POST', '/api/machines/enrol', {
    body: { machineId, code: await hub.newCode(machineId, role) },
  });
  return EnrolResponse.parse(answer.body).credential;
}

async function listed(machineId: string) {
  const answer = await hub.request('GET', '/api/machines', { authorization: `Bearer ${hub.staffToken}` });
  return MachineList.parse(answer.body).machines.find((m) => m.machineId === machineId);
}

const minutesBehindHub = (minutes: number) => new Date(hub.clock.now().getTime() - minutes * 60_000).toISOString();

const contact = (credential: string, headers: Record<string, string>) =>
  hub.request('GET', '/api/machines/me', { authorization: `Machine ${credential}`, headers });

describe('x-hub-time', () => {
  it("is on every /api/ answer, refusals included, with the hub's clock", async () => {
    hub = await startMachinesServer();
    hub.clock.set('2026-07-14T09:12:34.567Z');
    for (const [url, status] of [
      ['/api/machines/me', 401],
      ['/api/auth/me', 401],
      ['/api/no-such-route', 404],
    ] as const) {
      const answer = await hub.server.app.inject({ method: 'GET', url });
      expect(answer.statusCode).toBe(status);
      expect(answer.headers['x-hub-time']).toBe('2026-07-14T09:12:34.567Z');
    }
    const credential = await join('display-1', 'display');
    const served = await hub.server.app.inject({
      method: 'GET',
      url: '/api/machines/me',
      headers: { authorization: `Machine ${credential}` },
    });
    expect(served.statusCode).toBe(200);
    expect(served.headers['x-hub-time']).toBe('2026-07-14T09:12:34.567Z');
  });
});

describe('machine contact', () => {
  it("records a kiosk's clock offset and config version, and flags a clock 5 minutes slow", async () => {
    hub = await startMachinesServer();
    const credential = await join('kiosk-1', 'kiosk');
    hub.clock.advance(90_000);
    const answer = await contact(credential, {
      'x-machine-time': minutesBehindHub(5),
      'x-config-version': '0123456789abcdef',
    });
    expect(answer.status).toBe(200);
    expect(await listed('kiosk-1')).toMatchObject({
      lastSeenAt: '2026-07-14T09:01:30.000Z',
      clockOffsetMs: 300_000,
      configVersion: '0123456789abcdef',
      clockOffsetOverBound: true,
    });
  });

  it('records a corrected clock and a new config version at once, without waiting for the next minute', async () => {
    hub = await startMachinesServer();
    const credential = await join('kiosk-1', 'kiosk');
    await contact(credential, { 'x-machine-time': minutesBehindHub(5), 'x-config-version': 'version-1' });
    hub.clock.advance(5_000);
    await contact(credential, { 'x-machine-time': hub.clock.now().toISOString(), 'x-config-version': 'version-2' });
    expect(await listed('kiosk-1')).toMatchObject({
      lastSeenAt: '2026-07-14T09:00:05.000Z',
      clockOffsetMs: 0,
      configVersion: 'version-2',
      clockOffsetOverBound: false,
    });
  });

  it('a clock ahead of the hub is a negative offset; within the bound it is not flagged', async () => {
    hub = await startMachinesServer();
    const credential = await join('desk-pc-1', 'desk');
    await contact(credential, { 'x-machine-time': new Date(hub.clock.now().getTime() + 20_000).toISOString() });
    expect(await listed('desk-pc-1')).toMatchObject({ clockOffsetMs: -20_000, clockOffsetOverBound: false });
  });

  it("flags against the site's machines.clockOffsetWarnSeconds", async () => {
    hub = await startMachinesServer({
      config: SiteConfig.parse({ ...demoSiteConfig(), machines: { clockOffsetWarnSeconds: 600 } }),
    });
    const credential = await join('kiosk-1', 'kiosk');
    await contact(credential, { 'x-machine-time': minutesBehindHub(5) });
    expect(await listed('kiosk-1')).toMatchObject({ clockOffsetMs: 300_000, clockOffsetOverBound: false });
  });

  it.each([
    ['x-machine-time', 'yesterday at noon'],
    ['x-machine-time', '2026-13-45T99:00:00Z'],
    ['x-config-version', 'has spaces in it'],
    ['x-config-version', 'v'.repeat(65)],
  ])('a garbled %s (%s) is ignored: the request is served, nothing is made up', async (header, value) => {
    hub = await startMachinesServer();
    const credential = await join('kiosk-1', 'kiosk');
    const answer = await contact(credential, { [header]: value });
    expect(answer.status).toBe(200);
    expect(await listed('kiosk-1')).toMatchObject({
      lastSeenAt: '2026-07-14T09:00:00.000Z',
      clockOffsetMs: null,
      configVersion: null,
      clockOffsetOverBound: false,
    });
  });

  it('a contact without the headers keeps what the machine said last', async () => {
    hub = await startMachinesServer();
    const credential = await join('kiosk-1', 'kiosk');
    await contact(credential, { 'x-machine-time': minutesBehindHub(5), 'x-config-version': 'version-1' });
    hub.clock.advance(2 * 60_000);
    await contact(credential, { 'x-machine-time': 'garbled', 'x-config-version': 'not valid!' });
    expect(await listed('kiosk-1')).toMatchObject({
      lastSeenAt: '2026-07-14T09:02:00.000Z',
      clockOffsetMs: 300_000,
      configVersion: 'version-1',
    });
  });

  it('a refused request records nothing', async () => {
    hub = await startMachinesServer();
    const credential = await join('kiosk-1', 'kiosk');
    await hub.request('POST', '/api/machines/kiosk-1/revoke', { authorization: `Bearer ${hub.staffToken}` });
    const answer = await contact(credential, { 'x-machine-time': minutesBehindHub(5), 'x-config-version': 'v1' });
    expect(answer.status).toBe(403);
    expect(await listed('kiosk-1')).toMatchObject({ lastSeenAt: null, clockOffsetMs: null, configVersion: null });
  });
});
