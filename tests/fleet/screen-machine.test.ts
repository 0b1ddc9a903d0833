/** A display or desk that joined the hub shows in the fleet view through its shell's heartbeat. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { FleetView } from '../../contract/fleet.js';
import { EnrolResponse } from '../../contract/machines.js';
import { startScreenMachineHeartbeat } from '../../server/agent/screen-machine.js';
import { writeMachineCredential } from '../../server/machines/credential-file.js';
import { MachineRegistry } from '../../server/machines/registry.js';
import { startOffice, type Office } from '../agent/office.js';

let office: Office | null = null;
let dataDir = '';
afterEach(async () => {
  await office?.close();
  office = null;
  rmSync(dataDir, { recursive: true, force: true });
});

it('a joined display is seen by the fleet view; one that never joined sends nothing', async () => {
  office = await startOffice();
  const o = office;
  dataDir = mkdtempSync(join(tmpdir(), 'display-'));
  const logger = pino({ level: 'silent' });
  expect(startScreenMachineHeartbeat({ dataDir, clock: o.hubClock, logger })).toBeNull();

  const made = await new MachineRegistry(o.hub().ctx.db, o.hubClock).newCode('display-1', 'display', 30);
  if (!made.ok) throw new Error('display-1 could not be enrolled');
  const enrolled = EnrolResponse.parse(
    (await o.hubRequest('POST', '/api/machines/enrol', { machineId: 'display-1', code: made.code })).body,
  );
  writeMachineCredential(dataDir, { hubUrl: o.hubUrl, ...enrolled });
  const token = await o.staffToken();
  const lineOf = async () =>
    FleetView.parse((await o.hubRequest('GET', '/api/fleet', undefined, token)).body).machines.find(
      (m) => m.machineId === 'display-1',
    );
  expect((await lineOf())?.status).toBe('not-seen');

  const heartbeat = startScreenMachineHeartbeat({ dataDir, clock: o.hubClock, logger, intervalMs: 60_000 });
  try {
    expect(await heartbeat?.sender.send()).toBe(true);
    expect(await lineOf()).toMatchObject({ role: 'display', status: 'ok', problems: [] });
  } finally {
    heartbeat?.stop();
  }
});
