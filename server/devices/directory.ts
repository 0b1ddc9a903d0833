/**
 * Where the server finds each kiosk's devices. The hardware capability replaces the body of
 * `createDeviceDirectory` with one backed by the device supervisor (and simulators in demo mode);
 * the interface stays.
 */
import type { Logger } from 'pino';
import type { SiteConfig } from '../../contract/config.js';
import type { DeviceState } from '../../contract/devices.js';
import type { PaymentTerminal, Printer } from '../../hardware/types.js';

export interface KioskDevices {
  ticketPrinter?: Printer;
  receiptPrinter?: Printer;
  cardTerminal?: PaymentTerminal;
}

export interface DeviceDirectory {
  forKiosk(kioskId: string): KioskDevices;
  states(): DeviceState[];
  onChange(listener: (state: DeviceState) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface DeviceDirectoryOptions {
  config: SiteConfig;
  logger: Logger;
  dataDir: string;
  /** Demo and tests: run a simulator for every device a kiosk has no real port for. */
  simulate: boolean;
}

export function createDeviceDirectory(_options: DeviceDirectoryOptions): DeviceDirectory {
  return {
    forKiosk: () => ({}),
    states: () => [],
    onChange: () => () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
  };
}
