/**
 * Kiosk-only deployments keep their own feedback table and also send every counted response to the
 * office server through the outbox: written in the recording transaction, sent in the background,
 * retried with backoff while the office is unreachable. The office's POST /api/feedback is idempotent
 * on the id, so a repeat after a lost answer is stored once.
 */
import type { Logger } from 'pino';
import { SubmitFeedbackRequest } from '../../contract/feedback.js';
import type { Clock } from '../clock.js';
import { Outbox, type OutboxItem } from '../outbox/outbox.js';
import type { Db } from '../store/database.js';

export interface FeedbackForwardingOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The office server's base URL, e.g. "http://office-hub:8080". */
  officeUrl: string;
  /** Tests pass small delays. */
  baseDelayMs?: number;
  pollIntervalMs?: number;
  timeoutMs?: number;
}

export function feedbackSender(
  officeUrl: string,
  logger: Logger,
  timeoutMs = 10_000,
): (item: OutboxItem) => Promise<void> {
  const url = new URL('/api/feedback', officeUrl).toString();
  return async (item) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(item.payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text().catch(() => '');
    if (response.ok) return;
    // A 4xx other than timeout/rate-limit will never succeed (e.g. the office's config has no such
    // reason): retrying would hold back every later response behind it. The row stays in this
    // server's own table and report; the refusal is logged for facilities.
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      logger.error(
        { id: item.id, status: response.status, answer: text.slice(0, 300) },
        'office server refused a feedback response; kept locally only',
      );
      return;
    }
    throw new Error(`office server answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  };
}

export function createFeedbackOutbox(options: FeedbackForwardingOptions): Outbox {
  return new Outbox(options.db, {
    name: 'feedback',
    send: feedbackSender(options.officeUrl, options.logger, options.timeoutMs),
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
