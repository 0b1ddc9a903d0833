/**
 * A Link is one open connection to a device: a byte stream plus a way to close it and to hear
 * that it closed. Real devices: a SerialPort. Demo without socat and unit tests: an in-memory pair.
 * A new Link (a new SerialPort instance) is made for every (re)connect: SerialPort queues writes
 * made while closed, so reusing an instance would replay stale jobs after a replug.
 */
import { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import type { SerialSettings } from '../../contract/devices.js';

export interface LinkClosedInfo {
  /** True when the device went away (unplug, socat killed), false when we closed it. */
  disconnected: boolean;
  message: string;
}

export interface Link {
  readonly stream: Duplex;
  /** Where it is connected, for logs (a device path or "memory"). */
  readonly description: string;
  /** Resolves once the bytes have been handed to the OS (tcdrain for serial ports). */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  onClose(listener: (info: LinkClosedInfo) => void): void;
  isOpen(): boolean;
}

type LineSettings = Pick<SerialSettings, 'baudRate' | 'dataBits' | 'parity' | 'stopBits'>;

export function openSerialLink(path: string, line: LineSettings): Promise<Link> {
  const port = new SerialPort({
    path,
    baudRate: line.baudRate,
    dataBits: line.dataBits,
    parity: line.parity,
    stopBits: line.stopBits,
    autoOpen: false,
  });
  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) {
        reject(error);
        return;
      }
      resolve(serialPortLink(port, path));
    });
  });
}

function serialPortLink(port: SerialPort, path: string): Link {
  const listeners: Array<(info: LinkClosedInfo) => void> = [];
  let closedInfo: LinkClosedInfo | null = null;
  port.on('close', (error?: Error & { disconnected?: boolean }) => {
    closedInfo = { disconnected: Boolean(error?.disconnected), message: error?.message ?? 'closed' };
    for (const listener of listeners) listener(closedInfo);
  });
  // An 'error' without a listener would crash the process; the close that follows tells the story.
  port.on('error', () => undefined);
  return {
    stream: port,
    description: path,
    write: (bytes) =>
      new Promise((resolve, reject) => {
        if (!port.isOpen) {
          reject(new Error(`${path} is not open`));
          return;
        }
        port.write(Buffer.from(bytes), (error) => {
          if (error) reject(error);
        });
        port.drain((error) => (error ? reject(error) : resolve()));
      }),
    close: () =>
      new Promise((resolve) => {
        if (!port.isOpen) {
          resolve();
          return;
        }
        port.close(() => resolve());
      }),
    onClose: (listener) => {
      if (closedInfo) listener(closedInfo);
      else listeners.push(listener);
    },
    isOpen: () => port.isOpen,
  };
}

/** One end of an in-memory cable: what is written here is read at the other end. */
class MemoryEnd extends Duplex {
  peer: MemoryEnd | null = null;
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const peer = this.peer;
    // Deliver asynchronously, like a real line, so a reply never re-enters the writer's stack.
    setImmediate(() => {
      if (peer && !peer.destroyed) peer.push(Buffer.from(chunk));
      callback();
    });
  }
}

export interface MemoryCable {
  deviceSide: Link;
  hostSide: Link;
  /** Pull the cable out: both ends close with disconnected = true. */
  unplug(): void;
}

export function memoryCable(description = 'memory'): MemoryCable {
  const a = new MemoryEnd();
  const b = new MemoryEnd();
  a.peer = b;
  b.peer = a;
  const ends = [memoryLink(a, `${description} (device side)`), memoryLink(b, description)];
  return {
    deviceSide: ends[0]!.link,
    hostSide: ends[1]!.link,
    unplug: () => {
      for (const end of ends) end.end({ disconnected: true, message: 'cable unplugged' });
    },
  };
}

function memoryLink(stream: MemoryEnd, description: string): { link: Link; end: (info: LinkClosedInfo) => void } {
  const listeners: Array<(info: LinkClosedInfo) => void> = [];
  let closedInfo: LinkClosedInfo | null = null;
  const end = (info: LinkClosedInfo): void => {
    if (closedInfo) return;
    closedInfo = info;
    stream.peer = null;
    stream.destroy();
    for (const listener of listeners) listener(info);
  };
  return {
    end,
    link: {
      stream,
      description,
      write: (bytes) =>
        new Promise((resolve, reject) => {
          if (closedInfo) {
            reject(new Error(`${description} is closed`));
            return;
          }
          stream.write(Buffer.from(bytes), (error) => (error ? reject(error) : resolve()));
        }),
      close: async () => end({ disconnected: false, message: 'closed' }),
      onClose: (listener) => {
        if (closedInfo) listener(closedInfo);
        else listeners.push(listener);
      },
      isOpen: () => closedInfo === null,
    },
  };
}
