/**
 * The parts of an office on one machine that are not processes (those and the CLI are in
 * tests/support): each kiosk's printers and card terminal, simulators on real socat pty pairs held
 * by the test process, and the site config file naming their host ends.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import type { KioskConfig } from '../../contract/config.js';
import { hostSimulator, type SimulatedLine } from '../../hardware/sim/hosting.js';
import { PrinterSimulator } from '../../hardware/sim/printer-sim.js';
import { TerminalSimulator } from '../../hardware/sim/terminal-sim.js';
import { demoSiteFile } from '../../server/demo/seed.js';

/** A kiosk's devices as a site config file gives them (defaults left out). */
export type KioskDevicesInFile = z.input<typeof KioskConfig>['devices'];

/** One kiosk's devices: simulators on the device ends of pty pairs; the config names the host ends. */
export interface KioskRig {
  ticketPrinter: PrinterSimulator;
  receiptPrinter: PrinterSimulator;
  cardTerminal: TerminalSimulator;
  devices: KioskDevicesInFile;
  stop(): Promise<void>;
}

export async function startKioskRig(kioskId: string): Promise<KioskRig> {
  const ticketPrinter = new PrinterSimulator();
  const receiptPrinter = new PrinterSimulator();
  const cardTerminal = new TerminalSimulator();
  const lines: SimulatedLine[] = [];
  const line = async (device: PrinterSimulator | TerminalSimulator, name: string) => {
    const made = await hostSimulator(device, { transport: 'pty', name: `${kioskId}-${name}` });
    lines.push(made);
    return made.hostPath;
  };
  const [ticketPath, receiptPath, terminalPath] = await Promise.all([
    line(ticketPrinter, 'ticket'),
    line(receiptPrinter, 'receipt'),
    line(cardTerminal, 'terminal'),
  ]);
  return {
    ticketPrinter,
    receiptPrinter,
    cardTerminal,
    devices: {
      ticketPrinter: { path: ticketPath },
      receiptPrinter: { path: receiptPath },
      cardTerminal: { path: terminalPath },
    },
    stop: async () => {
      await Promise.all(lines.map((made) => made.stop()));
    },
  };
}

/** The demo site's file with these kiosks (and their devices) instead of its own; answers the file. */
export function writeSiteConfig(
  folder: string,
  kiosks: readonly { id: string; name: string; offlineSeries: string; devices?: KioskDevicesInFile }[],
): string {
  const demo: unknown = JSON.parse(readFileSync(demoSiteFile, 'utf8'));
  if (typeof demo !== 'object' || demo === null) throw new Error(`${demoSiteFile.pathname} is not a site config`);
  const site: Record<string, unknown> = {
    ...demo,
    // Each runs its own agent: the hub leaves their serial ports to them.
    kiosks: kiosks.map((kiosk) => ({
      id: kiosk.id,
      name: kiosk.name,
      agent: true,
      offlineSeries: kiosk.offlineSeries,
      offers: ['tickets', 'payments', 'information', 'feedback'],
      ...(kiosk.devices ? { devices: kiosk.devices } : {}),
    })),
  };
  const file = join(folder, 'site.json');
  writeFileSync(file, `${JSON.stringify(site, null, 2)}\n`);
  return file;
}

export const tempFolder = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

/** Waits (polling, no fixed sleep) until `probe` answers a value; fails after `timeoutMs` saying what. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
