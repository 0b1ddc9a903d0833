/**
 * How a supervisor (re)opens its device. A serial connector re-finds the device on every attempt:
 * when the config names a USB serial number or vendor/product id, the current path is looked up
 * with SerialPort.list(), so a printer that came back as /dev/ttyUSB1 instead of /dev/ttyUSB0 (or
 * COM4 instead of COM3) is still found. Without USB ids, the configured path is used.
 */
import { SerialPort } from 'serialport';
import type { SerialSettings } from '../../contract/devices.js';
import { openSerialLink, type Link } from './link.js';

export interface Connector {
  /** For logs and device details, e.g. "/dev/ttyUSB0" or "USB 0416:5011 serial 123". */
  readonly description: string;
  connect(): Promise<Link>;
}

export interface ListedPort {
  path: string;
  serialNumber?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
  manufacturer?: string | undefined;
}

export type PortLister = () => Promise<ListedPort[]>;

export const listSerialPorts: PortLister = () => SerialPort.list();

const sameId = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** Finds the configured device among the ports present now; null when it is not there. */
export function matchPort(settings: SerialSettings, ports: ListedPort[]): ListedPort | null {
  if (settings.serialNumber) {
    const found = ports.find(
      (p) => p.serialNumber === settings.serialNumber && (!settings.vendorId || sameId(p.vendorId, settings.vendorId)),
    );
    if (found) return found;
    return null;
  }
  if (settings.vendorId && settings.productId) {
    const candidates = ports.filter(
      (p) => sameId(p.vendorId, settings.vendorId) && sameId(p.productId, settings.productId),
    );
    // Several identical adapters without serial numbers: prefer the configured path, else refuse to guess.
    return candidates.find((p) => p.path === settings.path) ?? (candidates.length === 1 ? candidates[0]! : null);
  }
  return null;
}

export function serialConnector(settings: SerialSettings, listPorts: PortLister = listSerialPorts): Connector {
  const byUsb = Boolean(settings.serialNumber || (settings.vendorId && settings.productId));
  const description = byUsb
    ? `USB ${settings.vendorId ?? '?'}:${settings.productId ?? '?'}${settings.serialNumber ? ` serial ${settings.serialNumber}` : ''} (configured at ${settings.path})`
    : settings.path;
  return {
    description,
    connect: async () => {
      let path = settings.path;
      if (byUsb) {
        const found = matchPort(settings, await listPorts());
        if (found) path = found.path;
      }
      return openSerialLink(path, settings);
    },
  };
}
