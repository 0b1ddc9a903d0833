/** The hub never opens the serial ports of a kiosk that runs its own agent: they are that machine's. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { PrinterSettings } from '../../contract/devices.js';
import { createServer, type HubServer } from '../../server/app.js';
import { officeConfig } from './office.js';

let server: HubServer | null = null;
let dataDir = '';
afterEach(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("leaves an agent kiosk's printers to its agent and drives the others itself", async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hub-devices-'));
  const config = officeConfig();
  const printer = { ticketPrinter: PrinterSettings.parse({ path: '/dev/ttyUSB-kiosk' }) };
  const kiosks = config.kiosks.map((kiosk, index) => ({
    ...kiosk,
    agent: index === 0,
    devices: printer,
  }));
  const options = { dataDir, logger: pino({ level: 'silent' }), rendererDir: join(dataDir, 'none') };
  server = await createServer({ ...options, config: { ...config, kiosks } });
  expect(server.ctx.devices.forKiosk('kiosk-a').ticketPrinter).toBeUndefined();
  expect(server.ctx.devices.forKiosk('kiosk-b').ticketPrinter).toBeDefined();
  await server.close();

  server = await createServer({ ...options, config: { ...config, kiosks }, role: 'kiosk-agent' });
  expect(server.ctx.devices.forKiosk('kiosk-a').ticketPrinter).toBeDefined();
});
