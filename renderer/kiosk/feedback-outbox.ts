/**
 * Feedback responses waiting to reach the server, kept in localStorage so none is lost when the
 * server is unreachable or the kiosk restarts. Each has its own id (the server ignores a repeat), so
 * sending twice is harmless. Answers are anonymous: nothing here identifies a resident, and the
 * inactivity reset does not clear it.
 */
import type { SubmitFeedbackRequest } from '../../contract/feedback';
import { ApiRequestError } from '../shared/api-client';
import { postFeedback } from './api';

const storageKey = 'kiosk.feedback.outbox';
const retryMs = 15_000;
let timer: ReturnType<typeof setTimeout> | undefined;
let flushing: Promise<void> | null = null;

function read(): SubmitFeedbackRequest[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? (parsed as SubmitFeedbackRequest[]) : [];
  } catch {
    return [];
  }
}

function write(items: SubmitFeedbackRequest[]): void {
  localStorage.setItem(storageKey, JSON.stringify(items));
}

export function pendingFeedback(): number {
  return read().length;
}

export function submitFeedback(response: SubmitFeedbackRequest): void {
  write([...read().filter((r) => r.id !== response.id), response]);
  void flushFeedback();
}

/** Sends everything waiting, oldest first; keeps what the server did not take and tries again later. */
export function flushFeedback(): Promise<void> {
  flushing ??= (async () => {
    clearTimeout(timer);
    for (const item of read()) {
      try {
        await postFeedback(item);
      } catch (error) {
        // A 4xx other than timeout/too-many is a record the server will never take: retrying would
        // block the queue for ever. Everything else (offline, 5xx) stays for the next attempt.
        const permanent =
          error instanceof ApiRequestError &&
          error.status >= 400 &&
          error.status < 500 &&
          error.status !== 408 &&
          error.status !== 429;
        if (!permanent) break;
        console.warn(`feedback ${item.id} refused by the server: ${error.message}`);
      }
      write(read().filter((r) => r.id !== item.id));
    }
    if (read().length > 0) timer = setTimeout(() => void flushFeedback(), retryMs);
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

export function startFeedbackOutbox(): void {
  window.addEventListener('online', () => void flushFeedback());
  void flushFeedback();
}
