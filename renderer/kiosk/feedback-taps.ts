/**
 * Builds and sends one feedback response, and applies the "same screen, a few seconds apart" rule on
 * the screen as well as on the server: a response within `debounceSeconds` of the previous one from
 * this screen is not sent at all (a child tapping the faces again and again).
 */
import type { FeedbackRating, SubmitFeedbackRequest } from '../../contract/feedback';
import { submitFeedback } from './feedback-outbox';

let lastSentAt = 0;

export interface FeedbackTap {
  rating: FeedbackRating;
  reason?: string;
  touchpoint: 'kiosk' | 'desk';
  kiosk?: string;
  desk?: string;
  service?: string;
  ticket?: string;
  /** When the face was touched. */
  at: Date;
}

/** Returns false when the tap was inside the debounce window and so not sent. */
export function sendFeedback(tap: FeedbackTap, debounceSeconds: number): boolean {
  if (debounceSeconds > 0 && tap.at.getTime() - lastSentAt < debounceSeconds * 1000) return false;
  lastSentAt = tap.at.getTime();
  const request: SubmitFeedbackRequest = {
    id: crypto.randomUUID(),
    rating: tap.rating,
    touchpoint: tap.touchpoint,
    at: tap.at.toISOString(),
    ...(tap.reason ? { reason: tap.reason } : {}),
    ...(tap.kiosk ? { kiosk: tap.kiosk } : {}),
    ...(tap.desk ? { desk: tap.desk } : {}),
    ...(tap.service ? { service: tap.service } : {}),
    ...(tap.ticket ? { ticket: tap.ticket } : {}),
  };
  submitFeedback(request);
  return true;
}
