/**
 * The simulated devices of one kiosk (demo mode and tests), as the device factory (kiosk-devices.ts) runs
 * them. Tests in other areas reach them through `ctx.devices.simulators?.(kioskId)`; see
 * docs/hardware.md, "Simulators from tests".
 */
import type { PrinterSimulator } from './printer-sim.js';
import type { TerminalSimulator } from './terminal-sim.js';
import type { SimulatedLine } from './hosting.js';

export type SimulatedDeviceName = 'ticketPrinter' | 'receiptPrinter' | 'cardTerminal';

/** What tests may do with a simulated card terminal (script transactions, read what it took). */
export type TerminalSimulatorHandle = Pick<
  TerminalSimulator,
  'nextTransaction' | 'taken' | 'log' | 'totalsSinceEndOfDay'
>;

export interface KioskSimulators {
  ticketPrinter?: PrinterSimulator;
  receiptPrinter?: PrinterSimulator;
  cardTerminal?: TerminalSimulatorHandle;
  /** The line each simulated device is on: `unplug()` / `replug()` like pulling the USB cable. */
  lines: Partial<Record<SimulatedDeviceName, SimulatedLine>>;
}
