/**
 * What a kiosk agent and its hub say to each other. A kiosk agent is the same server code in kiosk
 * role, on the kiosk's loopback: it owns the kiosk's devices, payment journal and feedback outbox,
 * and asks the hub for queue tickets. When the hub cannot be reached it issues tickets of its own
 * offline series (docs/queue.md "Offline tickets") and delivers them when the hub is back.
 */
import { z } from 'zod';
import { OfflineSeries, SiteConfig } from './config.js';
import { IsoUtc, ServiceId, Ticket } from './queue.js';

/**
 * Offline numbers are the service prefix, a hyphen, the kiosk's series letter and at least two
 * digits: "H-A07". Hub numbers never have a hyphen ("H014"), so the two can never meet.
 */
export const formatOfflineNumber = (prefix: string, series: string, serial: number): string =>
  `${prefix}-${series}${String(serial).padStart(2, '0')}`;

/** Each kiosk's offline series: its own `offlineSeries`, else letters in kiosk order, skipping letters taken. */
export function offlineSeriesByKiosk(kiosks: readonly { id: string; offlineSeries?: string | undefined }[]) {
  const taken = new Set(kiosks.flatMap((k) => (k.offlineSeries ? [k.offlineSeries] : [])));
  const free = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((letter) => !taken.has(letter));
  const series = new Map<string, string>();
  for (const kiosk of kiosks) {
    const letter = kiosk.offlineSeries ?? free.shift();
    if (letter) series.set(kiosk.id, letter);
  }
  return series;
}

/** POST /api/tickets/offline (an enrolled kiosk): one ticket the kiosk issued while the hub was away. */
export const OfflineTicket = z.strictObject({
  /** Made by the kiosk agent when the resident tapped; the hub stores each id once. */
  id: z.uuid(),
  service: ServiceId,
  priority: z.boolean(),
  series: OfflineSeries,
  serial: z.number().int().positive().max(9999),
  /** What the resident holds: formatOfflineNumber(service prefix, series, serial). */
  number: z.string().regex(/^[A-Z]{1,2}-[A-Z]\d{2,4}$/, 'an offline number looks like "H-A07"'),
  /** The kiosk's clock when the resident tapped. */
  issuedAtKiosk: IsoUtc,
  /** The kiosk's clock when this delivery was sent: the hub measures the kiosk's clock offset from it. */
  kioskNow: IsoUtc,
  /**
   * Hub minus kiosk clock as the kiosk measured it over a whole round trip at its last contact. Steadier
   * than the hub's one-way measurement (which also counts this delivery's own transit), so taps a few
   * ms apart keep their order; the hub takes it only when it agrees with its own within a second.
   */
  measuredOffsetMs: z.number().int().nullable().optional(),
});
export type OfflineTicket = z.infer<typeof OfflineTicket>;

export const OfflineTicketAccepted = z.object({
  ticket: Ticket,
  /** false: the hub already had this id (a repeat delivery), nothing changed. */
  stored: z.boolean(),
  /** Hub clock minus kiosk clock, as measured at this delivery; added to issuedAtKiosk. */
  clockOffsetMs: z.number().int(),
});
export type OfflineTicketAccepted = z.infer<typeof OfflineTicketAccepted>;

/**
 * Headers of machine contact. A machine sends its clock and the config version it runs on every hub
 * request; the hub answers its own clock on every response. The hub keeps the last offset and
 * version per machine for the fleet view.
 */
export const machineTimeHeader = 'x-machine-time';
export const machineConfigVersionHeader = 'x-config-version';
export const hubTimeHeader = 'x-hub-time';

/**
 * The version of what machines and their hub say to each other (routes, bodies, events). The hub
 * answers the one it speaks on every response; a kiosk agent of another version refuses to run
 * against it, saying which to update, instead of half-working.
 */
export const protocolVersion = 1;
export const protocolVersionHeader = 'x-protocol-version';

/**
 * GET /api/machines/me/config (an enrolled kiosk): the kiosk's part of the site config — the site,
 * services, desks, payment types, feedback and its own kiosks[] entry with `offlineSeries` filled
 * in — with a version (a digest of exactly this part). No other kiosk's entry and no secrets.
 */
export const KioskConfigPart = z.object({
  version: z.string().min(8),
  config: SiteConfig,
});
export type KioskConfigPart = z.infer<typeof KioskConfigPart>;

/** GET /api/agent/status (the kiosk agent, loopback): what the kiosk screen and facilities see. */
export const AgentStatus = z.object({
  kioskId: z.string(),
  /** refused: the hub answers but no longer accepts this machine (revoked, or enrolled elsewhere). */
  hub: z.enum(['online', 'offline', 'refused']),
  hubUrl: z.string(),
  /** Hub clock minus this kiosk's clock at the last contact; null before any contact. */
  clockOffsetMs: z.number().int().nullable(),
  lastContactAt: IsoUtc.nullable(),
  configVersion: z.string(),
  /** A newer config fetched from the hub, applied when no resident is mid-journey. */
  pendingConfigVersion: z.string().nullable(),
  offlineTicketsWaiting: z.number().int().nonnegative(),
});
export type AgentStatus = z.infer<typeof AgentStatus>;

/**
 * What the kiosk screen gets for a ticket it took: the hub's IssuedTicket, or one the agent issued
 * offline, which has no position or estimate (the screen says "estimated wait unavailable" rather
 * than show a number no one can stand behind).
 */
export const KioskTicket = Ticket.extend({
  position: z.number().int().positive().nullable(),
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
  offline: z.boolean().default(false),
});
export type KioskTicket = z.infer<typeof KioskTicket>;
