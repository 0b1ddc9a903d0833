/**
 * Runs a simulator on the device end of a line and gives the driver a Connector for the other end.
 * With socat: a real pty pair (the driver uses `serialport` exactly as with hardware). Without it:
 * an in-memory cable, same simulator, same bytes. `unplug()` / `replug()` act on the line, so the
 * supervisor sees what it would see when a USB cable is pulled.
 */
import type { Duplex } from 'node:stream';
import type { Connector } from '../serial/connector.js';
import { memoryCable, openSerialLink, type Link } from '../serial/link.js';
import { socatAvailable, startPtyPair, type PtyPair } from '../serial/socat.js';

export interface SimulatedLine {
  /** 'pty' (socat) or 'memory'. */
  readonly transport: 'pty' | 'memory';
  /** The path a driver opens (pty) or "memory". */
  readonly hostPath: string;
  readonly connector: Connector;
  unplug(): Promise<void>;
  /** Plug back in; with a pty, optionally under a new path (the device "moved"). */
  replug(options?: { hostPath?: string }): Promise<void>;
  stop(): Promise<void>;
}

export interface Attachable {
  attach(stream: Duplex): void;
  detach(): void;
}

const lineSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;

export async function hostSimulator(
  device: Attachable,
  options: { transport?: 'pty' | 'memory' | 'auto'; name?: string } = {},
): Promise<SimulatedLine> {
  const wanted = options.transport ?? 'auto';
  const usePty = wanted === 'pty' || (wanted === 'auto' && socatAvailable());
  return usePty ? ptyLine(device, options.name) : memoryLine(device);
}

async function ptyLine(device: Attachable, name?: string): Promise<SimulatedLine> {
  const pair: PtyPair = await startPtyPair(name ? { name } : {});
  let deviceLink: Link | null = null;
  const attach = async (): Promise<void> => {
    deviceLink = await openSerialLink(pair.devicePath, lineSettings);
    device.attach(deviceLink.stream);
  };
  await attach();
  const closeDevice = async (): Promise<void> => {
    device.detach();
    const link = deviceLink;
    deviceLink = null;
    await link?.close();
  };
  return {
    transport: 'pty',
    get hostPath() {
      return pair.hostPath;
    },
    connector: {
      get description() {
        return pair.hostPath;
      },
      connect: () => openSerialLink(pair.hostPath, lineSettings),
    },
    unplug: async () => {
      await pair.unplug();
      await closeDevice();
    },
    replug: async (replugOptions) => {
      await closeDevice();
      await pair.replug(replugOptions);
      await attach();
    },
    stop: async () => {
      await closeDevice();
      await pair.stop();
    },
  };
}

function memoryLine(device: Attachable): SimulatedLine {
  let plugged = true;
  let unplugCurrent: (() => void) | null = null;
  return {
    transport: 'memory',
    hostPath: 'memory',
    connector: {
      description: 'in-memory simulator line',
      connect: async () => {
        if (!plugged) throw new Error('simulated device is unplugged');
        const cable = memoryCable('in-memory simulator line');
        device.attach(cable.deviceSide.stream);
        unplugCurrent = () => cable.unplug();
        return cable.hostSide;
      },
    },
    unplug: async () => {
      plugged = false;
      device.detach();
      unplugCurrent?.();
      unplugCurrent = null;
    },
    replug: async () => {
      plugged = true;
    },
    stop: async () => {
      plugged = false;
      device.detach();
      unplugCurrent?.();
    },
  };
}
