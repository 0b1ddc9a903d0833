/**
 * The device factory: each kiosk's devices from the site config, under supervision (connects, polls
 * health, reconnects after unplug, publishes DeviceState). With `simulate`, every device a kiosk has
 * no real port for is a simulator on a socat pty pair (or an in-memory line when socat is missing),
 * so demo mode and tests drive the same driver code as a real kiosk. The server knows only the
 * DeviceDirectory it answers (hardware/types.ts).
 */
import type { Logger } from 'pino';
import type { SiteConfig } from '../contract/config.js';
import type { CardTerminalSettings, DeviceState, PrinterSettings } from '../contract/devices.js';
import { serialConnector, type Connector } from './serial/connector.js';
import { socatAvailable } from './serial/socat.js';
import { hostSimulator, type Attachable, type SimulatedLine } from './sim/hosting.js';
import type { KioskSimulators, SimulatedDeviceName } from './sim/kiosk-simulators.js';
import { PrinterSimulator } from './sim/printer-sim.js';
import { TerminalSimulator } from './sim/terminal-sim.js';
import { SupervisedPrinter } from './supervision/printer-supervisor.js';
import { SupervisedTerminal } from './supervision/terminal-supervisor.js';
import type { DeviceDirectory, KioskDevices } from './types.js';

export interface KioskDevicesOptions {
  logger: Logger;
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
  simulator: Attachable;
}

const printerIds = { ticketPrinter: 'ticket-printer', receiptPrinter: 'receipt-printer' } as const;

function supervisedPrinter(
  device: keyof typeof printerIds,
  kiosk: string,
  connector: Connector,
  settings: PrinterSettings | undefined,
  logger: Logger,
): SupervisedPrinter {
  return new SupervisedPrinter({
    id: printerIds[device],
    kind: printerIds[device],
    kiosk,
    connector,
    columns: settings?.columns ?? 42,
    statusBack: settings?.statusBack ?? false,
    presenter: settings?.presenter ?? 'none',
    confirmTimeoutMs: settings?.confirmTimeoutMs ?? 15_000,
    pollIntervalMs: settings?.pollIntervalMs ?? 2_000,
    logger,
  });
}

function supervisedTerminal(
  kiosk: string,
  connector: Connector,
  settings: CardTerminalSettings | undefined,
  logger: Logger,
): SupervisedTerminal {
  return new SupervisedTerminal({
    kiosk,
    connector,
    password: settings?.password ?? '000000',
    currencyCode: settings?.currencyCode ?? 826,
    // The simulator answers at once; a real terminal gets the configured (default: spec) timeouts.
    timeouts: {
      commandAckMs: 5_000,
      finalAnswerMs: settings ? settings.finalAnswerTimeoutMs : 30_000,
    },
    logger,
  });
}

export function createKioskDevices(config: SiteConfig, options: KioskDevicesOptions): DeviceDirectory {
  const log = options.logger.child({ module: 'devices' });
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
    const simulatedConnector = (device: SimulatedDeviceName, simulator: Attachable): LateConnector => {
      const connector = new LateConnector();
      planned.push({ kiosk: kiosk.id, device, connector, simulator });
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
        connector = simulatedConnector(device, sim);
      }
      const printer = supervisedPrinter(device, kiosk.id, connector, settings, log);
      devices[device] = printer;
      watch(printer);
    }

    const terminalSettings = kiosk.devices.cardTerminal;
    if (terminalSettings || options.simulate) {
      let connector: Connector;
      if (terminalSettings) connector = serialConnector(terminalSettings);
      else {
        const sim = new TerminalSimulator({ stepMs: 60 });
        sims.cardTerminal = sim;
        connector = simulatedConnector('cardTerminal', sim);
      }
      const terminal = supervisedTerminal(kiosk.id, connector, terminalSettings, log);
      devices.cardTerminal = terminal;
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
          const line = await hostSimulator(plan.simulator, {
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
