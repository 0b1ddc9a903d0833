/**
 * Records one feedback tap: idempotent on the screen-made id, debounced per screen, tagged with the
 * ticket's service when only the ticket is known, and queued for the office server in the same
 * transaction when this server forwards (kiosk-only deployments).
 */
import type {
  FeedbackConfig,
  FeedbackEvent,
  SubmitFeedbackRequest,
  SubmitFeedbackResponse,
} from '../../contract/feedback.js';
import type { Clock } from '../clock.js';
import type { EventHub } from '../events.js';
import { conflict, HttpError } from '../http/errors.js';
import type { Db } from '../store/database.js';
import type { TicketLookup } from './report.js';
import type { FeedbackRow, FeedbackStore } from './store.js';

/** Enqueue for the office server; synchronous so it joins the recording transaction. */
export type ForwardFeedback = (request: SubmitFeedbackRequest) => void;

export interface FeedbackRecorderDeps {
  db: Db;
  store: FeedbackStore;
  clock: Clock;
  siteId: string;
  config: FeedbackConfig;
  lookupTicket: TicketLookup;
  /** The site's service ids; a response naming another is refused. */
  services?: readonly string[];
  events?: EventHub;
  forward?: ForwardFeedback;
}

export interface RecordOutcome {
  status: 200 | 201;
  body: SubmitFeedbackResponse;
}

/** The debounce applies per physical screen: a kiosk, or a desk's tablet. */
function screenOf(request: SubmitFeedbackRequest): string | null {
  if (request.kiosk) return `kiosk:${request.kiosk}`;
  if (request.desk) return `desk:${request.desk}`;
  return null;
}

export class FeedbackRecorder {
  constructor(private readonly deps: FeedbackRecorderDeps) {}

  record(request: SubmitFeedbackRequest): RecordOutcome {
    const { reasons, debounceSeconds } = this.deps.config;
    if (request.reason !== undefined && !reasons[request.rating].some((r) => r.id === request.reason)) {
      const allowed = reasons[request.rating].map((r) => r.id).join(', ');
      throw new HttpError(
        400,
        'invalid-input',
        `"reason": "${request.reason}" is not a reason for "${request.rating}"; use one of ${allowed}.`,
        'reason',
      );
    }
    if (request.service !== undefined && this.deps.services && !this.deps.services.includes(request.service)) {
      throw new HttpError(
        400,
        'invalid-input',
        `"service": there is no service "${request.service}" at this site; use one of ${this.deps.services.join(', ')}.`,
        'service',
      );
    }
    const tappedAt = new Date(request.at).toISOString();

    const outcome = this.deps.db.transaction((): RecordOutcome => {
      const existing = this.deps.store.find(request.id);
      if (existing) {
        if (
          existing.rating !== request.rating ||
          existing.tappedAt !== tappedAt ||
          existing.touchpoint !== request.touchpoint
        ) {
          throw conflict(
            'id-reused',
            `Feedback "${request.id}" was already stored with different answers; make a new id for a new tap.`,
          );
        }
        return { status: 200, body: { id: existing.id, counted: existing.counted, repeat: true } };
      }

      const screen = screenOf(request);
      const debounced =
        screen !== null &&
        debounceSeconds > 0 &&
        this.deps.store.countedTapWithin(screen, tappedAt, debounceSeconds * 1000);
      const ticket = request.ticket ? this.deps.lookupTicket(request.ticket) : undefined;
      const row: FeedbackRow = {
        id: request.id,
        site: this.deps.siteId,
        touchpoint: request.touchpoint,
        screen,
        kiosk: request.kiosk ?? null,
        desk: request.desk ?? null,
        service: request.service ?? ticket?.service ?? null,
        ticket: request.ticket ?? null,
        rating: request.rating,
        reason: request.reason ?? null,
        tappedAt,
        receivedAt: this.deps.clock.now().toISOString(),
        counted: !debounced,
      };
      this.deps.store.insert(row);
      if (debounced) return { status: 200, body: { id: row.id, counted: false, repeat: false } };

      // Only counted taps go to the office: it applies the same window and would count them too.
      this.deps.forward?.({ ...request, ...(row.service ? { service: row.service } : {}) });
      return { status: 201, body: { id: row.id, counted: true, repeat: false } };
    })();
    if (outcome.status === 201) {
      const event: FeedbackEvent = {
        type: 'feedback.recorded',
        at: this.deps.clock.now().toISOString(),
        rating: request.rating,
        touchpoint: request.touchpoint,
      };
      this.deps.events?.publish(event);
    }
    return outcome;
  }
}
