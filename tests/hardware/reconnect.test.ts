/**
 * Re-finding a device after a replug when its path changed (USB serial number / vendor+product id),
 * on real ptys. Port enumeration (udev / SetupAPI) cannot list ptys, so the lister is given the
 * pty paths as a USB adapter would be listed; everything else is the real connector and supervisor.
 */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { PrinterSimulator } from '../../hardware/sim/printer-sim.js';
import { hostSimulator } from '../../hardware/sim/hosting.js';
import { matchPort, serialConnector, type ListedPort } from '../../hardware/serial/connector.js';
import { SupervisedPrinter } from '../../hardware/supervision/printer-supervisor.js';
import { SerialSettings } from '../../contract/devices.js';
import { cleanUpAfterEach, until } from './support/lifecycle.js';

const cleanups = cleanUpAfterEach();

describe('finding the device again', () => {
  test('matchPort prefers the serial number, then a unique vendor/product pair; never guesses between twins', () => {
    const ports: ListedPort[] = [
      { path: '/dev/ttyUSB0', vendorId: '0416', productId: '5011', serialNumber: 'A1' },
      { path: '/dev/ttyUSB1', vendorId: '0416', productId: '5011', serialNumber: 'B2' },
      { path: '/dev/ttyACM0', vendorId: '1fc9', productId: '2016' },
    ];
    const settings = (extra: object) => SerialSettings.parse({ path: '/dev/ttyUSB9', ...extra });
    expect(matchPort(settings({ serialNumber: 'B2' }), ports)?.path).toBe('/dev/ttyUSB1');
    expect(matchPort(settings({ vendorId: '1FC9', productId: '2016' }), ports)?.path).toBe('/dev/ttyACM0');
    expect(matchPort(settings({ vendorId: '0416', productId: '5011' }), ports)).toBeNull();
    expect(matchPort(settings({ serialNumber: 'ZZ' }), ports)).toBeNull();
  });

  test('a printer that comes back under another path is found by its serial number and prints again', async () => {
    const sim = new PrinterSimulator();
    const line = await hostSimulator(sim, { transport: 'pty' });
    cleanups.push(() => line.stop());
    let listed: ListedPort[] = [{ path: line.hostPath, serialNumber: 'PRN-0042', vendorId: '0416', productId: '5011' }];
    const settings = SerialSettings.parse({ path: '/dev/ttyUSB0', serialNumber: 'PRN-0042', vendorId: '0416' });
    const printer = new SupervisedPrinter({
      id: 'ticket-printer',
      kind: 'ticket-printer',
      kiosk: 'kiosk-1',
      connector: serialConnector(settings, async () => listed),
      pollIntervalMs: 100,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    await printer.start();
    cleanups.push(() => printer.stop());
    expect(printer.state().health).toBe('ok');

    await line.unplug();
    listed = [];
    await until(() => printer.state().reason === 'unplugged', 'unplugged', 6_000);
    const moved = join(line.hostPath, '..', 'moved-host');
    await line.replug({ hostPath: moved });
    listed = [{ path: moved, serialNumber: 'PRN-0042', vendorId: '0416', productId: '5011' }];
    await until(() => printer.state().health === 'ok', 'ok at the new path', 6_000);
    expect(await printer.printReceipt({ lines: [{ text: 'Back again £1.00' }] })).toEqual({ printed: true });
    expect(sim.lastText()).toContain('Back again £1.00');
  });
});
