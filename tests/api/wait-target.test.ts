/**
 * `--wait-target` shortens the standard so it can be shown in seconds: a slow call is a breach. The
 * hub runs on its test clock, so the slow ticket waits exactly as long as the test moves the time.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { IssuedTicket, WaitStandardReport } from '../../contract/queue.js';
import { advanceTestClock } from '../support/hub-process.js';
import { call, signIn, startHub, type HubProcess } from './hub-process.js';

// Real processes on a shared, busy machine: generous time limits (no speed is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const opening = '2026-03-02T10:00:00.000Z';
const hubArgs = (clockAt: string) => ['--wait-target', '2', '--test-clock', clockAt];

let hub: HubProcess;
beforeAll(async () => {
  hub = await startHub({ args: hubArgs(opening) });
});
afterAll(async () => {
  await hub?.kill('SIGKILL');
  if (hub) rmSync(hub.dataDir, { recursive: true, force: true });
});

it('measures against the overridden target', async () => {
  const token = await signIn(hub.url);
  expect((await call(hub.url, 'GET', '/api/site')).body).toMatchObject({
    name: 'Arbury Area Housing Office',
    waitTargetSeconds: 2,
  });
  const quick = IssuedTicket.parse(
    (await call(hub.url, 'POST', '/api/tickets', { body: { service: 'housing' } })).body,
  );
  expect((await call(hub.url, 'POST', '/api/desks/desk-1/call-next', { token })).status).toBe(200);
  const slow = IssuedTicket.parse((await call(hub.url, 'POST', '/api/tickets', { body: { service: 'housing' } })).body);
  expect((await advanceTestClock(hub.url, 2.5)).toISOString()).toBe('2026-03-02T10:00:02.500Z');
  const called = await call<{ id: string }>(hub.url, 'POST', '/api/desks/desk-1/call-next', { token });
  expect(called.body.id).toBe(slow.id);
  const report = WaitStandardReport.parse((await call(hub.url, 'GET', '/api/reports/wait-standard', { token })).body);
  expect(report).toMatchObject({ targetSeconds: 2, tickets: 2, withinTarget: 1, breaches: 1, percentWithinTarget: 50 });
  expect(report.longestWaitSeconds).toBe(2.5); // past the 2 s target by exactly as much as the clock moved
  expect(quick.number).toBe('H001');
});

it('stops cleanly on SIGTERM (exit code 0) and keeps what it stored', async () => {
  const token = await signIn(hub.url);
  const before = WaitStandardReport.parse((await call(hub.url, 'GET', '/api/reports/wait-standard', { token })).body);
  expect(await hub.kill('SIGTERM')).toBe(0);
  hub = await startHub({ dataDir: hub.dataDir, args: hubArgs('2026-03-02T10:05:00.000Z') });
  const after = WaitStandardReport.parse(
    (await call(hub.url, 'GET', '/api/reports/wait-standard', { token: await signIn(hub.url) })).body,
  );
  expect(after.tickets).toBe(before.tickets);
});
