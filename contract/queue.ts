/**
 * The queue contract: what the server stores and sends about services, desks and tickets.
 * Declared once; the server validates with these schemas and the renderer gets the same types.
 */
import { z } from 'zod';

/** ISO 8601 timestamp in UTC, e.g. "2026-11-28T09:14:03.123Z". */
export const IsoUtc = z.iso.datetime({ offset: false });

export const ServiceId = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'a service id is 1–40 lower-case letters, digits or hyphens');
export const DeskId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'a desk id is 1–40 lower-case letters, digits or hyphens');

export const Service = z.object({
  id: ServiceId,
  /** Display name in the site's main language; screens translate `services.<id>` where a translation exists. */
  name: z.string().min(1),
  /** One or two capital letters that start every ticket number of this service, e.g. "H" → H014. */
  prefix: z.string().regex(/^[A-Z]{1,2}$/),
  /** Where the resident goes when called, printed on the ticket (e.g. "Ground floor"). */
  location: z.string().optional(),
  /** Mean service time used by the estimate until real history exists, in seconds. */
  defaultServiceSeconds: z.number().int().positive().default(300),
});
export type Service = z.infer<typeof Service>;

export const Desk = z.object({
  id: DeskId,
  name: z.string().min(1),
  /** Services this desk serves; empty = all. */
  services: z.array(ServiceId).default([]),
});
export type Desk = z.infer<typeof Desk>;

export const TicketState = z.enum(['waiting', 'called', 'serving', 'completed', 'no-show', 'closed']);
export type TicketState = z.infer<typeof TicketState>;

export const Ticket = z.object({
  id: z.string(),
  /** What the resident reads: prefix + three digits, e.g. "H014". Unique per service per day. */
  number: z.string(),
  service: ServiceId,
  priority: z.boolean(),
  state: TicketState,
  issuedAt: IsoUtc,
  /** First call: the one the wait standard is measured to (kept through recalls and transfers). */
  calledAt: IsoUtc.nullable(),
  lastCalledAt: IsoUtc.nullable(),
  /** When it reached a final state (completed, no-show or closed). */
  completedAt: IsoUtc.nullable(),
  desk: DeskId.nullable(),
  kiosk: z.string().nullable(),
});
export type Ticket = z.infer<typeof Ticket>;

export const IssuedTicket = Ticket.extend({
  /** 1 = next to be called in its service. */
  position: z.number().int().positive(),
  estimatedWaitMinutes: z.number().int().nonnegative(),
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

export const IssueTicketRequest = z.strictObject({
  service: ServiceId,
  priority: z.boolean().default(false),
  /** The kiosk that issued it, so its ticket dispenser prints it. */
  kiosk: z.string().max(60).optional(),
  /**
   * The kiosk agent's id for this tap (enrolled kiosks only). If the agent gave up waiting and issued
   * the same tap offline, the hub keeps one ticket under this id (docs/queue.md "Offline tickets").
   */
  id: z.uuid().optional(),
});
export type IssueTicketRequest = z.infer<typeof IssueTicketRequest>;

export const TransferRequest = z.strictObject({ service: ServiceId });

export const LoginRequest = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
export const LoginResponse = z.object({
  token: z.string(),
  username: z.string(),
  displayName: z.string(),
  expiresAt: IsoUtc.optional(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** GET /api/tickets/:id — position and estimate only while the ticket is waiting. */
export const TicketStatus = Ticket.extend({
  position: z.number().int().positive().nullable(),
  estimatedWaitMinutes: z.number().int().nonnegative().nullable(),
});
export type TicketStatus = z.infer<typeof TicketStatus>;

/** GET /api/site (public): what every screen may show about the site, and the wait standard. */
export const SiteSummary = z.object({
  id: z.string(),
  name: z.string(),
  councilName: z.string(),
  timeZone: z.string(),
  waitTargetSeconds: z.number().int().positive(),
  /** Staff screens colour a wait amber from this fraction of the target (80 %). */
  warnAtFractionOfTarget: z.number(),
});
export type SiteSummary = z.infer<typeof SiteSummary>;

/** GET /api/desks: each desk, whether it is open now, and the ticket it is serving. */
export const DeskStatus = Desk.extend({
  /** Staff opened it, or it called/recalled/completed within the site's open-desk window. */
  open: z.boolean(),
  current: Ticket.nullable(),
});
export type DeskStatus = z.infer<typeof DeskStatus>;

/** GET /api/calls/recent (public, for the lobby board): numbers and desks only, newest first. */
export const RecentCall = z.object({
  ticketId: z.string(),
  number: z.string(),
  service: ServiceId,
  desk: DeskId,
  deskName: z.string(),
  calledAt: IsoUtc,
  recall: z.boolean(),
});
export type RecentCall = z.infer<typeof RecentCall>;

export const PrintTicketRequest = z.strictObject({ ticketId: z.string().min(1).max(100) });
/** POST /api/kiosks/:kiosk/print-ticket — never an error for a printer fault: the kiosk still shows the number. */
export const PrintTicketResponse = z.union([
  z.object({ printed: z.literal(true) }),
  z.object({ printed: z.literal(false), reason: z.string(), detail: z.string() }),
]);
export type PrintTicketResponse = z.infer<typeof PrintTicketResponse>;

export const QueueEntry = IssuedTicket.extend({
  /** Seconds waited so far, at the time the answer was made. */
  waitedSeconds: z.number().int().nonnegative(),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

export const WaitStandardBreakdown = z.object({
  key: z.string(),
  tickets: z.number().int(),
  withinTarget: z.number().int(),
  breaches: z.number().int(),
  left: z.number().int(),
  /** Issued in the period, not called yet and still within the target: not counted either way yet. */
  pending: z.number().int().default(0),
  percentWithinTarget: z.number().nullable(),
  medianWaitSeconds: z.number().nullable(),
  p90WaitSeconds: z.number().nullable(),
  longestWaitSeconds: z.number().nullable(),
});
export type WaitStandardBreakdown = z.infer<typeof WaitStandardBreakdown>;

export const WaitStandardReport = WaitStandardBreakdown.omit({ key: true }).extend({
  from: IsoUtc,
  to: IsoUtc,
  targetSeconds: z.number().int().positive(),
  byService: z.array(WaitStandardBreakdown),
  /** Key is the hour of day in the site's time zone, "00".."23". */
  byHour: z.array(WaitStandardBreakdown),
});
export type WaitStandardReport = z.infer<typeof WaitStandardReport>;

/** Every error body the API sends: a code for programs, a sentence for people, the field at fault. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

const ticketEvent = <T extends string>(type: T) => z.object({ type: z.literal(type), at: IsoUtc, ticket: Ticket });

/** Pushed on the WebSocket at /api/events. */
export const QueueEvent = z.discriminatedUnion('type', [
  ticketEvent('ticket.issued'),
  ticketEvent('ticket.called'),
  ticketEvent('ticket.recalled'),
  ticketEvent('ticket.no-show'),
  ticketEvent('ticket.completed'),
  ticketEvent('ticket.transferred'),
  ticketEvent('ticket.closed'),
]);
export type QueueEvent = z.infer<typeof QueueEvent>;
