/** `--wait-target` shortens the standard so it can be shown in seconds: a slow call is a breach. */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { IssuedTicket, WaitStandardReport } from '../../contract/queue.js';
import { call, signIn, startHub, type HubProcess } from './hub-process.js';

// Real processes on a shared, busy machine: generous time limits (no speed is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let hub: HubProcess;
beforeAll(async () => {
  hub = await startHub({ args: ['--wait-target', '2'] });
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
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const called = await call<{ id: string }>(hub.url, 'POST', '/api/desks/desk-1/call-next', { token });
  expect(called.body.id).toBe(slow.id);
  const report = WaitStandardReport.parse((await call(hub.url, 'GET', '/api/reports/wait-standard', { token })).body);
  expect(report).toMatchObject({ targetSeconds: 2, tickets: 2, withinTarget: 1, breaches: 1, percentWithinTarget: 50 });
  expect(report.longestWaitSeconds).toBeGreaterThan(2);
  expect(quick.number).toBe('H001');
});

it('stops cleanly on SIGTERM (exit code 0) and keeps what it stored', async () => {
  const token = await signIn(hub.url);
  const before = WaitStandardReport.parse((await call(hub.url, 'GET', '/api/reports/wait-standard', { token })).body);
  expect(await hub.kill('SIGTERM')).toBe(0);
  hub = await startHub({ dataDir: hub.dataDir, args: ['--wait-target', '2'] });
  const after = WaitStandardReport.parse(
    (await call(hub.url, 'GET', '/api/reports/wait-standard', { token: await signIn(hub.url) })).body,
  );
  expect(after.tickets).toBe(before.tickets);
});
