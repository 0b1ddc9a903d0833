/**
 * What the printer reports about itself, decoded from real-time status bytes (DLE EOT 1–4),
 * Automatic Status Back frames (GS a) and GS r 1 replies. Bit meanings: Epson ESC/POS reference,
 * "DLE EOT", "GS a" and "GS r" (TM-T88 family; Citizen, Custom and Star ESC/POS modes agree).
 */
import type { DeviceHealth } from '../../contract/devices.js';

export interface PrinterStatus {
  /** Printer reports itself offline (DLE EOT 1 bit 3). */
  offline: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperEnd: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

export const emptyStatus = (): PrinterStatus => ({
  offline: false,
  coverOpen: false,
  paperNearEnd: false,
  paperEnd: false,
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
});

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

/** Four DLE EOT replies, n = 1..4 in that order. */
export function statusFromRealtime(r1: number, r2: number, r3: number, r4: number): PrinterStatus {
  return {
    offline: bit(r1, 3),
    coverOpen: bit(r2, 2),
    paperEnd: bit(r2, 5) || (r4 & 0x60) !== 0,
    paperNearEnd: (r4 & 0x0c) !== 0,
    cutterError: bit(r3, 3),
    unrecoverableError: bit(r3, 5),
    autoRecoverableError: bit(r3, 6),
  };
}

/** One ASB frame (4 bytes). */
export function statusFromAsb(frame: readonly number[]): PrinterStatus {
  const [b1 = 0, b2 = 0, b3 = 0] = frame;
  return {
    offline: bit(b1, 3),
    coverOpen: bit(b1, 5),
    cutterError: bit(b2, 3),
    unrecoverableError: bit(b2, 5),
    autoRecoverableError: bit(b2, 6),
    paperNearEnd: (b3 & 0x03) !== 0,
    paperEnd: (b3 & 0x0c) !== 0,
  };
}

/** GS r 1 reply: bits 0–1 paper near end, bits 2–3 paper end. */
export const paperFromTransmitStatus = (reply: number): { paperNearEnd: boolean; paperEnd: boolean } => ({
  paperNearEnd: (reply & 0x03) !== 0,
  paperEnd: (reply & 0x0c) !== 0,
});

export interface HealthVerdict {
  health: DeviceHealth;
  reason: string | null;
  detail: string | null;
}

/** The most serious condition wins; paper near end is an early warning, not a fault. */
export function verdictFor(status: PrinterStatus, deviceName: string): HealthVerdict {
  if (status.paperEnd) return { health: 'fault', reason: 'paper-end', detail: `The ${deviceName} is out of paper.` };
  if (status.coverOpen) return { health: 'fault', reason: 'cover-open', detail: `The ${deviceName}'s cover is open.` };
  if (status.cutterError)
    return { health: 'fault', reason: 'cutter-error', detail: `The ${deviceName}'s paper cutter is jammed.` };
  if (status.unrecoverableError)
    return {
      health: 'fault',
      reason: 'printer-error',
      detail: `The ${deviceName} reports an error it cannot recover from; switch it off and on.`,
    };
  if (status.autoRecoverableError)
    return {
      health: 'fault',
      reason: 'printer-error',
      detail: `The ${deviceName} reports a temporary error (for example, an overheated print head).`,
    };
  if (status.offline)
    return { health: 'fault', reason: 'printer-offline', detail: `The ${deviceName} reports itself offline.` };
  if (status.paperNearEnd)
    return { health: 'warning', reason: 'paper-near-end', detail: `The ${deviceName}'s paper is running low.` };
  return { health: 'ok', reason: null, detail: null };
}
