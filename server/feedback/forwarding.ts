/**
 * Kiosk-only deployments keep their own feedback table and also send every counted response to the
 * office server through the outbox: written in the recording transaction, sent in the background,
 * retried with backoff while the office is unreachable. The office's POST /api/feedback is idempotent
 * on the id, so a repeat after a lost answer is stored once. A response the office refuses (say its
 * config lacks the reason) stays in the outbox as refused and does not hold back the others.
 */
import type { Logger } from 'pino';
import { SubmitFeedbackRequest } from '../../contract/feedback.js';
import type { Clock } from '../clock.js';
import { httpSender } from '../outbox/http-sender.js';
import { Outbox, type OutboxItem } from '../outbox/outbox.js';
import type { Db } from '../store/database.js';

export interface FeedbackForwardingOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The office server's base URL, e.g. "http://office-hub:8080". */
  officeUrl: string;
  /** This machine's credential, presented to the office (which takes feedback from anyone, so far). */
  officeCredential?: () => string | undefined;
  /** Tests pass small delays. */
  baseDelayMs?: number;
  pollIntervalMs?: number;
  timeoutMs?: number;
}

/**
 * Posts the item's payload, the office's POST /api/feedback body itself; answers mean what httpSender
 * says. With a machine credential, it is presented with this machine's clock.
 */
export function feedbackSender(
  officeUrl: string,
  timeoutMs?: number,
  machine?: { credential: () => string | undefined; clock: Clock },
): (item: OutboxItem) => Promise<void> {
  return httpSender({
    url: new URL('/api/feedback', officeUrl).toString(),
    body: (item) => item.payload,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(machine ? { machineCredential: machine.credential, clock: machine.clock } : {}),
  });
}

export function createFeedbackOutbox(options: FeedbackForwardingOptions): Outbox {
  return new Outbox(options.db, {
    name: 'feedback',
    send: feedbackSender(
      options.officeUrl,
      options.timeoutMs,
      options.officeCredential ? { credential: options.officeCredential, clock: options.clock } : undefined,
    ),
    clock: options.clock,
    logger: options.logger,
    ...(options.baseDelayMs !== undefined ? { baseDelayMs: options.baseDelayMs } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
  });
}

/** The outbox payload is exactly the office's POST /api/feedback body. */
export function enqueueForOffice(outbox: Outbox, request: SubmitFeedbackRequest): void {
  outbox.enqueue('feedback.response', request.id, SubmitFeedbackRequest.parse(request));
}
