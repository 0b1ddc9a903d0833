/**
 * The one `send` for outboxes: POST an item as JSON to a receiver URL. What the receiver's answer
 * means (docs/decisions.md "Outbox delivery"):
 *
 * | answer | meaning | outbox |
 * | --- | --- | --- |
 * | 2xx | stored (a repeat is answered 2xx too: receivers are idempotent on the id) | marked sent |
 * | 408, 425, 429, 5xx, other non-2xx, no answer, network error, timeout | busy or down | retried with backoff; later items wait |
 * | 401, 403, 404, 405 | wrong URL, token or receiver version: every item would get the same | retried with backoff; later items wait |
 * | any other 4xx (400, 409, 413, 422 …) | this item refused | DeliveryRefused: kept, reported, later items go on |
 *
 * A 409 is a refusal, not a duplicate: our receivers answer a repeat 2xx and 409 only when the id was
 * used for something else, so counting it delivered would lose this record.
 */
import { DeliveryRefused, type OutboxItem } from './outbox.js';

export type Delivery = 'delivered' | 'retry' | 'refused';

const aboutTheReceiver = new Set([401, 403, 404, 405, 408, 425, 429]);

export function deliveryFor(status: number): Delivery {
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 400 && status < 500 && !aboutTheReceiver.has(status)) return 'refused';
  return 'retry';
}

export interface HttpSenderOptions {
  /** Full URL, e.g. "http://office:8080/api/payments/ingest", or a function read at send time. */
  url: string | (() => string);
  /** Sent as `Authorization: Bearer …` when present. */
  token?: string | (() => string | undefined);
  /** The request body made from the item; the whole item when absent. */
  body?: (item: OutboxItem) => unknown;
  timeoutMs?: number;
}

export function httpSender(options: HttpSenderOptions): (item: OutboxItem) => Promise<void> {
  return async (item) => {
    const url = typeof options.url === 'function' ? options.url() : options.url;
    const token = typeof options.token === 'function' ? options.token() : options.token;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(options.body ? options.body(item) : item),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const delivery = deliveryFor(response.status);
    if (delivery === 'delivered') {
      await response.body?.cancel().catch(() => undefined);
      return;
    }
    const text = await response.text().catch(() => '');
    const message = `receiver answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
    throw delivery === 'refused' ? new DeliveryRefused(message) : new Error(message);
  };
}
