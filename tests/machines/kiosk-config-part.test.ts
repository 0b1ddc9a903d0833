/**
 * A kiosk agent runs on its part of the hub's site config: its own kiosk only, its offline series
 * as the whole office assigns it, no secret of the office, and a version that moves exactly when
 * the part does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KioskConfigPart } from '../../contract/agent.js';
import { SiteConfig } from '../../contract/config.js';
import { ApiError } from '../../contract/queue.js';
import { EnrolResponse } from '../../contract/machines.js';
import { kioskConfigPart } from '../../server/machines/kiosk-config-part.js';
import { startMachinesServer, type MachinesServer } from './machines-server.js';
import { forwardTo, ingestToken, officeToken, twoKioskConfig } from './office-config.js';

function partFor(config: SiteConfig, kioskId: string): KioskConfigPart {
  const outcome = kioskConfigPart(config, kioskId);
  if (!outcome.ok) throw new Error(outcome.problem);
  return outcome.part;
}

describe("the kiosk's part of the site config", () => {
  it("holds only the kiosk's own entry, with the offline series the whole office gives it", () => {
    const { config } = partFor(twoKioskConfig(), 'kiosk-1');
    // kiosk-2 took "A" itself, so kiosk-1 is given the next free letter, not "A" as it would alone.
    expect(config.kiosks).toEqual([expect.objectContaining({ id: 'kiosk-1', offlineSeries: 'B' })]);
    expect(config.kiosks[0]?.devices.cardTerminal?.path).toBe('/dev/ttyUSB-kiosk-1-terminal');
    expect(JSON.stringify(config)).not.toContain('kiosk-2');
    expect(partFor(twoKioskConfig(), 'kiosk-2').config.kiosks).toEqual([
      expect.objectContaining({ id: 'kiosk-2', offlineSeries: 'A' }),
    ]);
  });

  it('holds no secret of the office and no office to send to, and is still a valid site config', () => {
    const { config } = partFor(twoKioskConfig(), 'kiosk-1');
    const text = JSON.stringify(config);
    for (const secret of [officeToken, ingestToken, forwardTo, 'office-hub.example', '135791'])
      expect(text).not.toContain(secret);
    expect(config.payments).toBeDefined();
    expect(config.payments?.office).toBeUndefined();
    expect(config.payments?.ingestToken).toBeUndefined();
    expect(config.payments?.types.map((type) => type.id)).toEqual(twoKioskConfig().payments?.types.map((t) => t.id));
    expect(config.feedback?.forwardTo).toBeUndefined();
    expect(config.feedback?.reasons).toEqual(twoKioskConfig().feedback?.reasons);
    expect(SiteConfig.parse(config)).toEqual(config);
  });

  it('has the same version for the same config, whatever the order of its keys', () => {
    const config = twoKioskConfig();
    const reordered = SiteConfig.parse(
      Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(config)) as object).reverse()),
    );
    const version = partFor(config, 'kiosk-1').version;
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(partFor(twoKioskConfig(), 'kiosk-1').version).toBe(version);
    expect(partFor(reordered, 'kiosk-1').version).toBe(version);
  });

  it("changes version when a service's name changes, not when another kiosk's name does", () => {
    const config = twoKioskConfig();
    const version = partFor(config, 'kiosk-1').version;
    const renamedService = {
      ...config,
      services: config.services.map((service, index) => (index === 0 ? { ...service, name: 'Housing help' } : service)),
    };
    expect(partFor(renamedService, 'kiosk-1').version).not.toBe(version);
    const renamedOtherKiosk = {
      ...config,
      kiosks: config.kiosks.map((kiosk) => (kiosk.id === 'kiosk-2' ? { ...kiosk, name: 'First floor' } : kiosk)),
    };
    expect(partFor(renamedOtherKiosk, 'kiosk-1').version).toBe(version);
  });

  it('is refused for a kiosk the site config does not have, saying to add it', () => {
    const outcome = kioskConfigPart(twoKioskConfig(), 'kiosk-9');
    expect(outcome).toMatchObject({ ok: false, reason: 'not-a-kiosk' });
    expect(outcome.ok ? '' : outcome.problem).toContain('add it under "kiosks"');
  });
});

describe('GET /api/machines/me/config', () => {
  let hub: MachinesServer;
  afterEach(async () => hub?.close());

  const join = async (machineId: string, role: 'kiosk' | 'desk') => {
    const answer = await hub.request('POST', '/api/machines/enrol', {
      body: { machineId, code: await hub.newCode(machineId, role) },
    });
    return EnrolResponse.parse(answer.body).credential;
  };
  const config = (credential?: string) =>
    hub.request('GET', '/api/machines/me/config', credential ? { authorization: `Machine ${credential}` } : {});

  it('answers an enrolled kiosk its part with its version, and nothing secret', async () => {
    hub = await startMachinesServer({ config: twoKioskConfig() });
    const answer = await config(await join('kiosk-1', 'kiosk'));
    expect(answer.status).toBe(200);
    const part = KioskConfigPart.parse(answer.body);
    expect(part).toEqual(partFor(twoKioskConfig(), 'kiosk-1'));
    expect(part.config.kiosks.map((kiosk) => kiosk.id)).toEqual(['kiosk-1']);
    const text = JSON.stringify(answer.body);
    for (const secret of [officeToken, ingestToken, forwardTo]) expect(text).not.toContain(secret);
  });

  it('refuses no credential (401) and a desk machine (403)', async () => {
    hub = await startMachinesServer({ config: twoKioskConfig() });
    const none = await config();
    expect(none.status).toBe(401);
    const desk = await config(await join('desk-pc-1', 'desk'));
    expect(desk.status).toBe(403);
    expect(ApiError.parse(desk.body).error.code).toBe('wrong-machine-role');
  });

  it('answers 404 to a kiosk that is no longer in the site config, saying to add it there', async () => {
    hub = await startMachinesServer({ config: twoKioskConfig() });
    const answer = await config(await hub.credentialUnchecked('kiosk-9', 'kiosk'));
    expect(answer.status).toBe(404);
    const { error } = ApiError.parse(answer.body);
    expect(error.code).toBe('not-a-kiosk-of-this-site');
    expect(error.message).toContain('"kiosk-9" is not a kiosk in the site config');
    expect(error.message).toContain('add it under "kiosks"');
  });
});
