/** The card terminal of one kiosk: a ZVT terminal under supervision, real or simulated. */
import type { Logger } from 'pino';
import type { CardTerminalSettings, DeviceState } from '../../contract/devices.js';
import type { PaymentTerminal } from '../../hardware/types.js';
import { serialConnector, type Connector } from '../../hardware/serial/connector.js';
import type { Attachable } from '../../hardware/sim/hosting.js';
import type { TerminalSimulatorHandle } from '../../hardware/sim/kiosk-simulators.js';
import { TerminalSimulator } from '../../hardware/sim/terminal-sim.js';
import { SupervisedTerminal } from '../../hardware/supervision/terminal-supervisor.js';

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
  let connector: Connector;
  const simulated = !options.settings;
  if (options.settings) connector = serialConnector(options.settings);
  else {
    const sim = new TerminalSimulator({ stepMs: 60 });
    options.onSimulator(sim);
    connector = options.simulatedConnector(() => sim);
  }
  const terminal = new SupervisedTerminal({
    kiosk: options.kiosk,
    connector,
    password: options.settings?.password ?? '000000',
    currencyCode: options.settings?.currencyCode ?? 826,
    // The simulator answers at once; a real terminal gets the configured (default: spec) timeouts.
    timeouts: {
      commandAckMs: 5_000,
      finalAnswerMs: simulated ? 30_000 : (options.settings?.finalAnswerTimeoutMs ?? 180_000),
    },
    logger: options.logger,
  });
  return {
    terminal,
    start: () => terminal.start(),
    stop: () => terminal.stop(),
    state: () => terminal.state(),
    onChange: (listener) => terminal.onChange(listener),
  };
}
