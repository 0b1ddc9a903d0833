/**
 * The one refusal policy for everything that forwards records to a receiver over HTTP: the server's
 * outboxes (server/outbox/http-sender.ts) and the kiosk screen's feedback outbox. What an answer
 * means (docs/decisions.md "Outbox delivery"):
 *
 * | answer | meaning | sender |
 * | --- | --- | --- |
 * | 2xx | stored (a repeat is answered 2xx too: receivers are idempotent on the id) | marks it sent |
 * | 408, 425, 429, 5xx, other non-2xx, no answer (0), network error, timeout | busy or down | retries with backoff; later items wait |
 * | 401, 403, 404, 405 | wrong URL, token or receiver version: every item would get the same | retries with backoff; later items wait |
 * | any other 4xx (400, 409, 413, 422 …) | this item refused | sets this item aside, later items go on (the server keeps it and offers it again every 5 minutes; the kiosk screen, with nowhere to keep it, drops it) |
 *
 * A 409 is a refusal, not a duplicate: our receivers answer a repeat 2xx and 409 only when the id was
 * used for something else, so counting it delivered would lose this record.
 */
export type Delivery = 'delivered' | 'retry' | 'refused';

const aboutTheReceiver = new Set([401, 403, 404, 405, 408, 425, 429]);

/** What a receiver's HTTP status means for the item sent. */
export function deliveryFor(status: number): Delivery {
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 400 && status < 500 && !aboutTheReceiver.has(status)) return 'refused';
  return 'retry';
}
