/**
 * Where the server finds each kiosk's devices. Each configured device gets a supervisor (connects,
 * polls health, reconnects after unplug, publishes DeviceState). With `simulate`, every device a
 * kiosk has no real port for is a simulator on a socat pty pair (or an in-memory line when socat is
 * missing), so demo mode and tests drive the same driver code as a real kiosk.
 */
import type { Logger } from 'pino';
import type { SiteConfig } from '../../contract/config.js';
import type { DeviceState } from '../../contract/devices.js';
import type { PaymentTerminal, Printer } from '../../hardware/types.js';
import { serialConnector, type Connector } from '../../hardware/serial/connector.js';
import { socatAvailable } from '../../hardware/serial/socat.js';
import { hostSimulator, type Attachable, type SimulatedLine } from '../../hardware/sim/hosting.js';
import { PrinterSimulator } from '../../hardware/sim/printer-sim.js';
import type { KioskSimulators, SimulatedDeviceName } from '../../hardware/sim/kiosk-simulators.js';
import { SupervisedPrinter } from '../../hardware/supervision/printer-supervisor.js';
import { createTerminalDevice, type TerminalDevice } from './terminal-device.js';

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
  /** Demo and tests: the simulators behind a kiosk's devices (undefined when it has real ones). */
  simulators?(kioskId: string): KioskSimulators | undefined;
}

export interface DeviceDirectoryOptions {
  config: SiteConfig;
  logger: Logger;
  dataDir: string;
  /** Demo and tests: run a simulator for every device a kiosk has no real port for. */
  simulate: boolean;
  /** Tests: force the simulator transport ('auto' = socat when installed, else in memory). */
  simulatorTransport?: 'pty' | 'memory' | 'auto';
}

interface Supervised {
  start(): Promise<void>;
  stop(): Promise<void>;
  state(): DeviceState;
  onChange(listener: (state: DeviceState) => void): () => void;
}

/** A connector whose target is decided at start (a simulator's line is only known then). */
class LateConnector implements Connector {
  target: Connector | null = null;
  get description(): string {
    return this.target?.description ?? 'simulator (starting)';
  }
  connect() {
    if (!this.target) return Promise.reject(new Error('simulator not started'));
    return this.target.connect();
  }
}

interface PlannedSimulator {
  kiosk: string;
  device: SimulatedDeviceName;
  connector: LateConnector;
  make: () => Attachable;
}

export function createDeviceDirectory(options: DeviceDirectoryOptions): DeviceDirectory {
  const { config, logger } = options;
  const log = logger.child({ module: 'devices' });
  const byKiosk = new Map<string, KioskDevices>();
  const supervised: Supervised[] = [];
  const planned: PlannedSimulator[] = [];
  const simulators = new Map<string, KioskSimulators>();
  const lines: SimulatedLine[] = [];
  const listeners = new Set<(state: DeviceState) => void>();

  const watch = (device: Supervised): void => {
    supervised.push(device);
    device.onChange((state) => {
      for (const listener of listeners) listener(state);
    });
  };

  for (const kiosk of config.kiosks) {
    const devices: KioskDevices = {};
    const sims: KioskSimulators = { lines: {} };
    const simulatedConnector = (device: SimulatedDeviceName, make: PlannedSimulator['make']): LateConnector => {
      const connector = new LateConnector();
      planned.push({ kiosk: kiosk.id, device, connector, make });
      return connector;
    };

    for (const device of ['ticketPrinter', 'receiptPrinter'] as const) {
      const settings = kiosk.devices[device];
      if (!settings && !options.simulate) continue;
      let connector: Connector;
      if (settings) connector = serialConnector(settings);
      else {
        const sim = new PrinterSimulator();
        sims[device] = sim;
        connector = simulatedConnector(device, () => sim);
      }
      const printer = new SupervisedPrinter({
        id: device === 'ticketPrinter' ? 'ticket-printer' : 'receipt-printer',
        kind: device === 'ticketPrinter' ? 'ticket-printer' : 'receipt-printer',
        kiosk: kiosk.id,
        connector,
        columns: settings?.columns ?? 42,
        statusBack: settings?.statusBack ?? false,
        presenter: settings?.presenter ?? 'none',
        confirmTimeoutMs: settings?.confirmTimeoutMs ?? 15_000,
        pollIntervalMs: settings?.pollIntervalMs ?? 2_000,
        logger: log,
      });
      devices[device] = printer;
      watch(printer);
    }

    const terminalSettings = kiosk.devices.cardTerminal;
    if (terminalSettings || options.simulate) {
      const terminal: TerminalDevice = createTerminalDevice({
        kiosk: kiosk.id,
        settings: terminalSettings,
        logger: log,
        simulatedConnector: (make) => simulatedConnector('cardTerminal', make),
        onSimulator: (handle) => {
          sims.cardTerminal = handle;
        },
      });
      devices.cardTerminal = terminal.terminal;
      watch(terminal);
    }

    byKiosk.set(kiosk.id, devices);
    if (sims.ticketPrinter || sims.receiptPrinter || sims.cardTerminal) simulators.set(kiosk.id, sims);
  }

  return {
    forKiosk: (kioskId) => byKiosk.get(kioskId) ?? {},
    states: () => supervised.map((device) => device.state()),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    simulators: (kioskId) => simulators.get(kioskId),
    start: async () => {
      if (planned.length > 0) {
        const transport = options.simulatorTransport ?? 'auto';
        if (transport !== 'memory' && !socatAvailable()) {
          log.warn('socat is not installed: simulated devices run on in-memory lines instead of pseudo-terminals');
        }
        for (const plan of planned) {
          const line = await hostSimulator(plan.make(), {
            transport: transport === 'pty' || (transport === 'auto' && socatAvailable()) ? 'pty' : 'memory',
            name: `${plan.kiosk}-${plan.device}`,
          });
          lines.push(line);
          plan.connector.target = line.connector;
          const sims = simulators.get(plan.kiosk);
          if (sims) sims.lines[plan.device] = line;
          log.info(
            { kiosk: plan.kiosk, device: plan.device, transport: line.transport, path: line.hostPath },
            'simulated device started',
          );
        }
      }
      await Promise.all(supervised.map((device) => device.start()));
    },
    stop: async () => {
      await Promise.all(supervised.map((device) => device.stop()));
      await Promise.all(lines.splice(0).map((line) => line.stop()));
    },
  };
}
