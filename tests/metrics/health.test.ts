/**
 * /healthz answers while the process is up; /readyz says 503 and names every failing check in
 * words: a database that takes no writes, a device whose supervisor has not reported, and whatever
 * the server's owner adds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SiteConfig } from '../../contract/config.js';
import { PrinterSettings } from '../../contract/devices.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { until } from '../agent/office.js';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';

const Readiness = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), problem: z.string().optional() })),
  problems: z.array(z.string()).optional(),
});

let running: MetricsServer | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const readiness = async (server: MetricsServer) => {
  const answer = await server.request('GET', '/readyz', { address: '192.0.2.10' });
  return { status: answer.status, body: Readiness.parse(JSON.parse(answer.body)) };
};

/** The demo site with a ticket printer on a port that is not there. */
const withPrinter = (): SiteConfig => {
  const demo = demoSiteConfig();
  return {
    ...demo,
    kiosks: demo.kiosks.map((kiosk) => ({
      ...kiosk,
      devices: { ticketPrinter: PrinterSettings.parse({ path: '/dev/ttyNO-SUCH-PRINTER', pollIntervalMs: 50 }) },
    })),
  };
};

describe('health', () => {
  it('/healthz answers ok to anyone, without touching the database', async () => {
    running = await startMetricsServer();
    running.server.ctx.db.close();
    const answer = await running.request('GET', '/healthz', { address: '192.0.2.10' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
  });

  it('/readyz is ready for anyone when the database takes writes and no device is configured', async () => {
    running = await startMetricsServer();
    const answer = await readiness(running);
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('ready');
    expect(answer.body.checks.map((check) => check.name)).toEqual(['database', 'devices']);
  });

  it('/readyz is 503 naming the database when it takes no writes', async () => {
    running = await startMetricsServer();
    running.server.ctx.db.pragma('query_only = ON');
    const answer = await readiness(running);
    expect(answer.status).toBe(503);
    expect(answer.body.checks.find((check) => check.name === 'database')?.ok).toBe(false);
    expect(answer.body.problems).toEqual([
      expect.stringMatching(/^The database \(reception\.sqlite\) does not take writes \(.*readonly/),
    ]);
    // Public: the answer names the file, not where it lives.
    expect(JSON.stringify(answer.body)).not.toContain(running.server.ctx.dataDir);

    running.server.ctx.db.pragma('query_only = OFF');
    expect((await readiness(running)).status).toBe(200);
  });

  it('/readyz is 503 naming the database when it is closed', async () => {
    running = await startMetricsServer();
    running.server.ctx.db.close();
    const answer = await readiness(running);
    expect(answer.status).toBe(503);
    expect(answer.body.problems).toEqual([
      expect.stringMatching(/^The database \(reception\.sqlite\) does not take writes/),
    ]);
  });

  it('/readyz is 503 naming a device that has not reported, and ready once its supervisor has', async () => {
    running = await startMetricsServer({ config: withPrinter() });
    const before = await readiness(running);
    expect(before.status).toBe(503);
    expect(before.body.problems).toEqual([
      expect.stringContaining('No state reported yet by ticket-printer of kiosk-1'),
    ]);

    await running.server.ctx.devices.start();
    try {
      // The port is not there: the supervisor reports the printer offline, which is a state (shown in metrics).
      await until('the printer reports', async () => (await readiness(running!)).status === 200);
      expect(running.server.ctx.devices.states()[0]?.health).toBe('offline');
    } finally {
      await running.server.ctx.devices.stop();
    }
  });

  it("/readyz adds the owner's checks and lists every failing one", async () => {
    running = await startMetricsServer({
      config: withPrinter(),
      readinessChecks: () => [{ name: 'hub', ok: false, problem: 'The hub cannot be reached.' }],
    });
    running.server.ctx.db.pragma('query_only = ON');
    const answer = await readiness(running);
    expect(answer.status).toBe(503);
    expect(answer.body.checks.map((check) => [check.name, check.ok])).toEqual([
      ['database', false],
      ['devices', false],
      ['hub', false],
    ]);
    expect(answer.body.problems).toHaveLength(3);
    expect(answer.body.problems?.[2]).toBe('The hub cannot be reached.');
  });
});
