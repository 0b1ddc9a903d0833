/**
 * The simulated devices of one kiosk (demo mode and tests), as the server's device directory runs
 * them. Tests in other areas reach them through `ctx.devices.simulators?.(kioskId)`; see
 * docs/hardware.md, "Simulators from tests".
 */
import type { PrinterSimulator } from './printer-sim.js';
import type { SimulatedLine } from './hosting.js';

export type SimulatedDeviceName = 'ticketPrinter' | 'receiptPrinter' | 'cardTerminal';

/** The ZVT terminal simulator's handle; declared structurally so this file does not depend on it. */
export interface TerminalSimulatorHandle {
  /** Script the next transaction: 'approve' | 'decline' | 'timeout' | 'abort' | 'bad-crc' | 'drop-final' | 'vanish'. */
  nextTransaction(behaviour: string): void;
}

export interface KioskSimulators {
  ticketPrinter?: PrinterSimulator;
  receiptPrinter?: PrinterSimulator;
  cardTerminal?: TerminalSimulatorHandle;
  /** The line each simulated device is on: `unplug()` / `replug()` like pulling the USB cable. */
  lines: Partial<Record<SimulatedDeviceName, SimulatedLine>>;
}
