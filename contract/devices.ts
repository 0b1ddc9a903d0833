/** What every part of the system knows about a device's health. Reported by hardware/, shown by screens. */
import { z } from 'zod';

export const DeviceKind = z.enum(['ticket-printer', 'receipt-printer', 'card-terminal']);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const DeviceHealth = z.enum(['ok', 'warning', 'fault', 'offline']);
export type DeviceHealth = z.infer<typeof DeviceHealth>;

export const DeviceState = z.object({
  /** Config id, e.g. "ticket-printer". */
  id: z.string(),
  kind: DeviceKind,
  health: DeviceHealth,
  /** Machine-readable reason, e.g. "paper-near-end", "cover-open", "unplugged"; null when ok. */
  reason: z.string().nullable(),
  /** One sentence for staff and facilities. */
  detail: z.string().nullable(),
  kiosk: z.string().nullable(),
  updatedAt: z.iso.datetime({ offset: false }),
});
export type DeviceState = z.infer<typeof DeviceState>;

export const SerialSettings = z.strictObject({
  /** Device path, e.g. /dev/ttyUSB0 or COM3. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  /** Re-find the device after a replug even if its path changed. */
  serialNumber: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
});
export type SerialSettings = z.infer<typeof SerialSettings>;

/** An ESC/POS printer (ticket dispenser or receipt printer): the line plus what the model can do. */
export const PrinterSettings = SerialSettings.extend({
  /** Characters per line in font A: 42 on 80 mm paper, 32 on 58 mm. */
  columns: z.number().int().min(24).max(64).default(42),
  /** Automatic Status Back (`GS a`): the printer reports each status change by itself. */
  statusBack: z.boolean().default(false),
  /** Kiosk presenter after the cut: 'custom' sends Custom's `GS e 3 m` (present the ticket). */
  presenter: z.enum(['none', 'custom']).default('none'),
  /** How long to wait for the printer to confirm a job (`GS r 1` reply). */
  confirmTimeoutMs: z.number().int().positive().default(15_000),
  /** Health poll (`DLE EOT 1–4`) interval while idle. */
  pollIntervalMs: z.number().int().positive().default(2_000),
});
export type PrinterSettings = z.infer<typeof PrinterSettings>;

/** A ZVT card terminal on a serial line (ZVT: 8 data bits, no parity, 2 stop bits). */
export const CardTerminalSettings = SerialSettings.extend({
  protocol: z.literal('zvt').default('zvt'),
  /** The terminal's 6-digit ZVT password (registration, end of day). */
  password: z
    .string()
    .regex(/^\d{6}$/)
    .default('000000'),
  /** ISO 4217 numeric currency code sent with registration and authorisation (826 = GBP). */
  currencyCode: z.number().int().min(1).max(999).default(826),
  /**
   * How long to wait for the terminal's next message once it has accepted a payment, restarted on
   * every message. When it runs out, the outcome is 'unknown' (never retried).
   */
  finalAnswerTimeoutMs: z.number().int().min(5_000).max(600_000).default(180_000),
});
export type CardTerminalSettings = z.infer<typeof CardTerminalSettings>;

export const DeviceEvent = z.object({
  type: z.literal('device.state'),
  at: z.iso.datetime({ offset: false }),
  device: DeviceState,
});
export type DeviceEvent = z.infer<typeof DeviceEvent>;
