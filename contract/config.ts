/**
 * The site config file (JSON): one schema, checked at start-up and by `npm run config -- check FILE`.
 * Unknown keys are refused (strict) so a typo names itself instead of being silently ignored.
 */
import { z } from 'zod';
import { Desk, Service } from './queue.js';
import { CardTerminalSettings, PrinterSettings } from './devices.js';
import { PaymentsConfig } from './payments.js';
import { FeedbackConfig } from './feedback.js';

export const QueueOrdering = z.strictObject({
  /**
   * Priority tickets go ahead of ordinary ones in the same service, but an ordinary ticket that has
   * waited this fraction of the target is called before any priority ticket issued after it.
   * See docs/queue.md.
   */
  priorityEnabled: z.boolean().default(true),
  protectAfterFractionOfTarget: z.number().min(0).max(1).default(0.8),
  /** When a desk serves several services: take the ticket that has waited longest overall. */
  acrossServices: z.enum(['longest-wait', 'service-order']).default('longest-wait'),
});

/** Inputs of the estimated wait (docs/queue.md "Estimated wait"). */
export const QueueEstimate = z.strictObject({
  /** A desk counts as open while it has called, recalled or completed within this many minutes, or was opened by staff since. */
  openDeskWindowMinutes: z.number().int().positive().default(15),
  /** Mean service time over at most this many recent completions of the service ... */
  serviceTimeSamples: z.number().int().positive().default(20),
  /** ... completed within this many minutes. */
  serviceTimeWindowMinutes: z.number().int().positive().default(240),
});

/** One capital letter per kiosk; its offline ticket numbers carry it (docs/queue.md "Offline tickets"). */
export const OfflineSeries = z.string().regex(/^[A-Z]$/, 'an offline series is one capital letter, e.g. "A"');

export const KioskConfig = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,60}$/),
  name: z.string().min(1),
  /**
   * This kiosk runs its own kiosk agent (docs/operations.md §14): it drives its own devices, and the
   * hub never opens the serial ports listed under `devices` (they are the kiosk machine's).
   */
  agent: z.boolean().default(false),
  /** Letter of this kiosk's offline numbers ("H-A07"); when absent, letters are given in kiosk order. */
  offlineSeries: OfflineSeries.optional(),
  /**
   * Screen timers, set per kiosk by facilities (a URL parameter overrides them for tests).
   * The warning's countdown is at least 20 s: WCAG 2.2.1 asks for that long to ask for more time.
   */
  timers: z
    .strictObject({
      idleSeconds: z.number().int().min(10).max(3600).default(60),
      countdownSeconds: z.number().int().min(20).max(600).default(30),
      returnSeconds: z.number().int().min(3).max(600).default(15),
    })
    .default({ idleSeconds: 60, countdownSeconds: 30, returnSeconds: 15 }),
  /** Which home tiles this kiosk offers. */
  offers: z
    .array(z.enum(['tickets', 'payments', 'information', 'feedback']))
    .default(['tickets', 'information', 'feedback']),
  devices: z
    .strictObject({
      ticketPrinter: PrinterSettings.optional(),
      receiptPrinter: PrinterSettings.optional(),
      cardTerminal: CardTerminalSettings.optional(),
    })
    .default({}),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

/** Machines of the office (docs/operations.md section 13): what the fleet view flags. */
export const MachinesConfig = z.strictObject({
  /** `fleet list` and GET /api/machines flag a machine whose clock differs from the hub's by more than this. */
  clockOffsetWarnSeconds: z.number().int().positive().max(86_400).default(30),
});
export type MachinesConfig = z.infer<typeof MachinesConfig>;

/** The fleet view (docs/operations.md "Fleet view"): when a machine counts as gone quiet. */
export const FleetConfig = z.strictObject({
  /** A machine with no heartbeat for longer than this shows as "not seen"; at least 20, as heartbeats come every 15 s. */
  notSeenAfterSeconds: z.number().int().min(20).max(86_400).default(60),
});
export type FleetConfig = z.infer<typeof FleetConfig>;

export const SiteConfig = z.strictObject({
  site: z.strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,60}$/),
    name: z.string().min(1),
    councilName: z.string().min(1),
    /** IANA zone for "today" (ticket numbering) and hour-of-day reports. */
    timeZone: z.string().default('Europe/London'),
    phone: z.string().optional(),
    website: z.string().optional(),
    /**
     * Where a resident's phone can follow their ticket, printed as a QR code on the ticket; "{ticket}"
     * is replaced by the ticket id. No QR is printed without it: the hub's own address is usually
     * not reachable from a resident's phone.
     */
    ticketStatusUrl: z
      .url({ protocol: /^https?$/ })
      .refine(
        (url) => url.includes('{ticket}') || url.includes('%7Bticket%7D'),
        'must contain "{ticket}", where the ticket id goes',
      )
      .optional(),
  }),
  /** The wait standard: seen within this many seconds of arriving. */
  waitTargetSeconds: z.number().int().positive().default(600),
  ordering: QueueOrdering.default({
    priorityEnabled: true,
    protectAfterFractionOfTarget: 0.8,
    acrossServices: 'longest-wait',
  }),
  estimate: QueueEstimate.default({ openDeskWindowMinutes: 15, serviceTimeSamples: 20, serviceTimeWindowMinutes: 240 }),
  services: z.array(Service).min(1),
  desks: z.array(Desk).min(1),
  kiosks: z.array(KioskConfig).default([]),
  payments: PaymentsConfig.optional(),
  feedback: FeedbackConfig.optional(),
  machines: MachinesConfig.default({ clockOffsetWarnSeconds: 30 }),
  fleet: FleetConfig.default({ notSeenAfterSeconds: 60 }),
  channelShift: z
    .strictObject({
      faceToFaceCostPence: z.number().int().nonnegative().default(1400),
      selfServiceCostPence: z.number().int().nonnegative().default(20),
    })
    .default({ faceToFaceCostPence: 1400, selfServiceCostPence: 20 }),
});
export type SiteConfig = z.infer<typeof SiteConfig>;
