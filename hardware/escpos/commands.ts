/**
 * The ESC/POS commands we send ourselves (status and transport). Page content comes from
 * @point-of-sale/receipt-printer-encoder (see layout.ts). References: Epson ESC/POS Application
 * Programming Guide — DLE EOT (real-time status), GS r (transmit status), GS a (ASB).
 */
export const DLE = 0x10;
export const EOT = 0x04;
export const ENQ = 0x05;
export const GS = 0x1d;
export const ESC = 0x1b;

/** DLE EOT n: real-time status, answered at once with one byte even while offline. */
export type RealtimeStatusKind = 1 | 2 | 3 | 4;
export const realtimeStatusRequest = (n: RealtimeStatusKind): Uint8Array => Uint8Array.of(DLE, EOT, n);

/**
 * GS r 1: transmit paper sensor status. Processed in sequence with the print data, so its reply
 * means everything before it has been printed. Not answered while the printer is stopped at paper end.
 */
export const transmitPaperStatus = (): Uint8Array => Uint8Array.of(GS, 0x72, 0x01);

/**
 * GS a n: Automatic Status Back. n bits: 0x02 online/offline, 0x04 errors, 0x08 paper roll sensor
 * (0x01 drawer is of no use to a kiosk). n = 0 turns ASB off.
 */
export const automaticStatusBack = (enabled: boolean): Uint8Array => Uint8Array.of(GS, 0x61, enabled ? 0x0e : 0x00);

/** DLE ENQ 2: recover from a recoverable error (e.g. a cleared cutter jam), clearing the buffers. */
export const recoverClearingBuffers = (): Uint8Array => Uint8Array.of(DLE, ENQ, 0x02);

/** Custom (VKP80 family) presenter: GS e 3 m presents the ticket with m steps (one step = 22 mm). */
export const customPresent = (steps: number): Uint8Array => Uint8Array.of(GS, 0x65, 0x03, steps & 0xff);
