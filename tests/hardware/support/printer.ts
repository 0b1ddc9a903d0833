/**
 * A supervised ESC/POS printer on a simulated line (a real socat pty pair unless told otherwise),
 * with short timings for tests, and the ticket the printer tests and benchmark print.
 */
import type { DeviceState } from '../../../contract/devices.js';
import { hostSimulator, type SimulatedLine } from '../../../hardware/sim/hosting.js';
import { PrinterSimulator } from '../../../hardware/sim/printer-sim.js';
import { SupervisedPrinter, type PrinterSupervisorOptions } from '../../../hardware/supervision/printer-supervisor.js';
import type { TicketPrintout } from '../../../hardware/types.js';
import type { Cleanups } from './lifecycle.js';

export const sampleTicket: TicketPrintout = {
  councilName: 'Cambridge City Council',
  siteName: 'Mandela House',
  number: 'H014',
  serviceName: 'Housing advice',
  location: 'Ground floor, room 2',
  issuedAt: new Date('2026-07-01T08:05:00Z'),
  timeZone: 'Europe/London',
  position: 3,
  estimatedWaitMinutes: 12,
  footerLines: ['Please wait to be called', 'Parking permit fee £5.00'],
  qr: 'https://council.example/t/H014?lang=en',
};

/** Starts simulator, line and supervisor; their stops go on `cleanups`. */
export async function startPrinterRig(
  cleanups: Cleanups,
  options: Partial<PrinterSupervisorOptions> = {},
  transport: 'pty' | 'memory' = 'pty',
) {
  const sim = new PrinterSimulator();
  const line: SimulatedLine = await hostSimulator(sim, { transport });
  cleanups.push(() => line.stop());
  let connects = 0;
  const printer = new SupervisedPrinter({
    id: 'ticket-printer',
    kind: 'ticket-printer',
    kiosk: 'kiosk-1',
    connector: { description: line.connector.description, connect: () => (connects++, line.connector.connect()) },
    pollIntervalMs: 100,
    confirmTimeoutMs: 3_000,
    realtimeTimeoutMs: 2_000,
    backoff: { initialMs: 50, maxMs: 200 },
    ...options,
  });
  const states: DeviceState[] = [];
  printer.onChange((s) => states.push(s));
  await printer.start();
  cleanups.push(() => printer.stop());
  return { sim, line, printer, states, connects: () => connects };
}
