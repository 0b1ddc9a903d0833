/**
 * The card terminal of one kiosk, supervised. (Interim: the ZVT driver lands next; until then the
 * terminal reports itself unavailable so payment screens show their plain "not available" message.)
 */
import type { Logger } from 'pino';
import type { CardTerminalSettings, DeviceState } from '../../contract/devices.js';
import type { PaymentTerminal } from '../../hardware/types.js';
import type { Connector } from '../../hardware/serial/connector.js';
import type { Attachable } from '../../hardware/sim/hosting.js';
import type { TerminalSimulatorHandle } from '../../hardware/sim/kiosk-simulators.js';
import { StateHolder } from '../../hardware/supervision/device-state.js';

export interface TerminalDevice {
  terminal: PaymentTerminal;
  start(): Promise<void>;
  stop(): Promise<void>;
  state(): DeviceState;
  onChange(listener: (state: DeviceState) => void): () => void;
}

export interface TerminalDeviceOptions {
  kiosk: string;
  settings: CardTerminalSettings | undefined;
  logger: Logger;
  simulatedConnector: (make: () => Attachable) => Connector;
  onSimulator: (handle: TerminalSimulatorHandle) => void;
}

export function createTerminalDevice(options: TerminalDeviceOptions): TerminalDevice {
  const holder = new StateHolder({ id: 'card-terminal', kind: 'card-terminal', kiosk: options.kiosk });
  const terminal: PaymentTerminal = {
    authorise: async () => ({ outcome: 'cancelled', message: 'Card payments are not available at the moment.' }),
    abort: async () => undefined,
    endOfDay: async () => ({ totalPence: 0, count: 0, byScheme: [] }),
    state: () => holder.get(),
  };
  return {
    terminal,
    start: async () => holder.set('offline', 'not-available', 'The card terminal driver is not running yet.'),
    stop: async () => undefined,
    state: () => holder.get(),
    onChange: (listener) => holder.onChange(listener),
  };
}
