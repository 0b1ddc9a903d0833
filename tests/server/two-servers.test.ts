/**
 * Two servers in one process (an Electron shell restarting its in-process server, or tests) keep
 * their own module state: stopping one leaves the other's device events on its own event hub.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SiteConfig } from '../../contract/config.js';
import type { ServerEvent } from '../../contract/events.js';
import { createServer, type HubServer } from '../../server/app.js';
import { until } from '../hardware/support/lifecycle.js';

const config = SiteConfig.parse({
  site: { id: 'mandela-house', name: 'Mandela House', councilName: 'Cambridge City Council' },
  services: [{ id: 'housing', name: 'Housing', prefix: 'H' }],
  desks: [{ id: 'desk-1', name: 'Desk 1' }],
  kiosks: [{ id: 'kiosk-1', name: 'Entrance', offers: ['tickets'] }],
});

const dirs: string[] = [];
const servers: HubServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startServer(): Promise<{ server: HubServer; events: ServerEvent[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'two-servers-'));
  dirs.push(dataDir);
  const server = await createServer({
    config,
    dataDir,
    simulateDevices: true,
    logger: pino({ level: 'silent' }),
    rendererDir: join(dataDir, 'no-renderer'),
  });
  servers.push(server);
  const events: ServerEvent[] = [];
  server.ctx.events.subscribe((event) => events.push(event));
  await server.listen(0);
  return { server, events };
}

describe('two servers in one process', () => {
  it.each([
    ['the first', 0],
    ['the second', 1],
  ] as const)('after %s server stops, the other still pushes its device changes', async (_name, stopped) => {
    const first = await startServer();
    const second = await startServer();
    const [gone, kept] = stopped === 0 ? [first, second] : [second, first];
    const printer = kept.server.ctx.devices.simulators?.('kiosk-1')?.ticketPrinter;
    expect(printer, 'kiosk-1 has a simulated ticket printer').toBeDefined();
    await until(
      () => kept.server.ctx.devices.forKiosk('kiosk-1').ticketPrinter?.state().health === 'ok',
      'ticket printer ok',
    );

    await gone.server.close();
    printer?.setPaperEnd(true);

    await until(
      () => kept.events.some((event) => event.type === 'device.state' && event.device.reason === 'paper-end'),
      'paper-end pushed on the server still running',
    );
  });
});
