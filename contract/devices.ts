/** What every part of the system knows about a device's health. Owned by hardware/, shown by screens. */
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

export const DeviceEvent = z.object({ type: z.literal('device.state'), at: z.iso.datetime({ offset: false }), device: DeviceState });
export type DeviceEvent = z.infer<typeof DeviceEvent>;
