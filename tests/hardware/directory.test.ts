/**
 * The device factory's directory in demo mode: simulators on socat ptys behind each kiosk's
 * devices, states in the server's GET /api/devices and pushed as device.state events.
 */
import { afterEach, describe, expect, test } from 'vitest';
import Fastify from 'fastify';
import pino from 'pino';
import { SiteConfig } from '../../contract/config.js';
import { DeviceEvent, DeviceState } from '../../contract/devices.js';
import type { ServerEvent } from '../../contract/events.js';
import { createKioskDevices } from '../../hardware/kiosk-devices.js';
import type { DeviceDirectory } from '../../hardware/types.js';
import { createDevicesModule } from '../../server/devices/module.js';
import { EventHub } from '../../server/events.js';
import { systemClock } from '../../server/clock.js';
import type { ServerContext } from '../../server/context.js';
import { until } from './support/lifecycle.js';

const config = SiteConfig.parse({
  site: { id: 'mandela-house', name: 'Mandela House', councilName: 'Cambridge City Council' },
  services: [{ id: 'housing', name: 'Housing', prefix: 'H' }],
  desks: [{ id: 'desk-1', name: 'Desk 1' }],
  kiosks: [{ id: 'kiosk-1', name: 'Entrance', offers: ['tickets', 'payments'] }],
});

let directory: DeviceDirectory | null = null;
afterEach(async () => {
  await directory?.stop();
  directory = null;
});

describe('device directory in demo mode', () => {
  test('simulated printers print tickets; tests can read them and inject faults; states reach the API and the event hub', async () => {
    directory = createKioskDevices(config, { logger: pino({ level: 'silent' }), simulate: true });
    const devicesModule = createDevicesModule();
    const events = new EventHub();
    const pushed: ServerEvent[] = [];
    events.subscribe((e) => pushed.push(e));
    const ctx = {
      devices: directory,
      events,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
    } as unknown as ServerContext;
    const app = Fastify();
    await devicesModule.register(app, ctx);
    await directory.start();
    await devicesModule.start?.(ctx);

    const devices = directory.forKiosk('kiosk-1');
    expect(devices.ticketPrinter).toBeDefined();
    expect(devices.receiptPrinter).toBeDefined();
    expect(devices.cardTerminal).toBeDefined();
    await until(() => devices.ticketPrinter!.state().health === 'ok', 'ticket printer ok');

    const outcome = await devices.ticketPrinter!.printTicket({
      councilName: 'Cambridge City Council',
      siteName: 'Mandela House',
      number: 'H001',
      serviceName: 'Housing',
      issuedAt: new Date('2026-01-05T10:00:00Z'),
      timeZone: 'Europe/London',
      position: 1,
      estimatedWaitMinutes: 0,
      footerLines: ['Please wait to be called'],
    });
    expect(outcome).toEqual({ printed: true });
    const sims = directory.simulators!('kiosk-1')!;
    expect(sims.ticketPrinter!.lastText()).toContain('H001');
    expect(sims.lines.ticketPrinter?.transport).toBe('pty');

    sims.ticketPrinter!.setPaperEnd(true);
    await until(() => devices.ticketPrinter!.state().reason === 'paper-end', 'paper-end state');

    const response = await app.inject({ method: 'GET', url: '/api/devices' });
    expect(response.statusCode).toBe(200);
    const states = DeviceState.array().parse(response.json());
    expect(states.find((s) => s.id === 'ticket-printer' && s.kiosk === 'kiosk-1')).toMatchObject({
      health: 'fault',
      reason: 'paper-end',
    });
    const event = pushed
      .map((e) => DeviceEvent.safeParse(e))
      .find((r) => r.success && r.data.device.reason === 'paper-end');
    expect(event?.success).toBe(true);

    await until(() => devices.cardTerminal!.state().health === 'ok', 'card terminal registered');
    sims.cardTerminal!.nextTransaction('decline');
    const declined = await devices.cardTerminal!.authorise({ amountPence: 500, reference: 'demo-1' }, () => undefined);
    expect(declined.outcome).toBe('declined');
    const approved = await devices.cardTerminal!.authorise({ amountPence: 500, reference: 'demo-2' }, () => undefined);
    expect(approved).toMatchObject({ outcome: 'approved', amountPence: 500 });

    await devicesModule.stop?.(ctx);
    await app.close();
  });

  test('without socat, the log says so and the same simulators run on in-memory lines', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      directory = createKioskDevices(config, { logger, simulate: true });
      await directory.start();
    } finally {
      process.env.PATH = path;
    }
    expect(lines.some((l) => l.includes('socat is not installed'))).toBe(true);
    const sims = directory.simulators!('kiosk-1')!;
    expect(sims.lines.ticketPrinter?.transport).toBe('memory');
    const printer = directory.forKiosk('kiosk-1').receiptPrinter!;
    await until(() => printer.state().health === 'ok', 'receipt printer ok');
    expect(await printer.printReceipt({ lines: [{ text: 'Paid £3.20' }] })).toEqual({ printed: true });
    expect(sims.receiptPrinter!.lastText().trim()).toBe('Paid £3.20');
  });

  test('a kiosk with no devices configured and no simulation has none', () => {
    directory = createKioskDevices(config, { logger: pino({ level: 'silent' }), simulate: false });
    expect(directory.forKiosk('kiosk-1')).toEqual({});
    expect(directory.states()).toEqual([]);
    expect(directory.simulators?.('kiosk-1')).toBeUndefined();
  });
});
