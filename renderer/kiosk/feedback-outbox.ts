/**
 * Feedback responses waiting to reach the server, kept in localStorage so none is lost when the
 * server is unreachable or the kiosk restarts. Each has its own id (the server ignores a repeat), so
 * sending twice is harmless. Answers are anonymous: nothing here identifies a resident, and the
 * inactivity reset does not clear it.
 */
import { deliveryFor } from '../../contract/delivery';
import type { SubmitFeedbackRequest } from '../../contract/feedback';
import { ApiRequestError } from '../shared/api-client';
import { postFeedback } from './api';

const storageKey = 'kiosk.feedback.outbox';
export const retryMs = 15_000;

export interface FeedbackOutboxParts {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  send: (response: SubmitFeedbackRequest) => Promise<unknown>;
}

export interface FeedbackOutbox {
  /** Stores the response (replacing one with the same id) and tries to send everything at once. */
  submit: (response: SubmitFeedbackRequest) => void;
  /** Sends everything waiting, oldest first; keeps what the server did not take and tries again later. */
  flush: () => Promise<void>;
}

/**
 * A response the server will never take (contract/delivery.ts: a refusal of this item): keeping it
 * would block the ones behind it for ever, and the kiosk has nowhere else to put it, so it is dropped.
 * Anything else (offline, timeout, 5xx, a wrong address) stays for the next attempt.
 */
function refusedForGood(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError && deliveryFor(error.status) === 'refused';
}

export function createFeedbackOutbox({ storage, send }: FeedbackOutboxParts): FeedbackOutbox {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> | null = null;

  function read(): SubmitFeedbackRequest[] {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(storageKey) ?? '[]');
      return Array.isArray(parsed) ? (parsed as SubmitFeedbackRequest[]) : [];
    } catch {
      return [];
    }
  }

  function write(items: SubmitFeedbackRequest[]): void {
    storage.setItem(storageKey, JSON.stringify(items));
  }

  function flush(): Promise<void> {
    flushing ??= (async () => {
      clearTimeout(timer);
      for (const item of read()) {
        try {
          await send(item);
        } catch (error) {
          if (!refusedForGood(error)) break;
          console.warn(`feedback ${item.id} refused by the server: ${error.message}`);
        }
        write(read().filter((r) => r.id !== item.id));
      }
      if (read().length > 0) timer = setTimeout(() => void flush(), retryMs);
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  return {
    submit: (response) => {
      write([...read().filter((r) => r.id !== response.id), response]);
      void flush();
    },
    flush,
  };
}

let kioskOutbox: FeedbackOutbox | null = null;
/** The kiosk's own outbox, made on first use (localStorage exists only in the page). */
const outbox = () => (kioskOutbox ??= createFeedbackOutbox({ storage: localStorage, send: postFeedback }));

export function submitFeedback(response: SubmitFeedbackRequest): void {
  outbox().submit(response);
}

export function startFeedbackOutbox(): void {
  window.addEventListener('online', () => void outbox().flush());
  void outbox().flush();
}
