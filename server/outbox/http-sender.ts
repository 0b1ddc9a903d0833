/**
 * The one `send` for outboxes: POST an item as JSON to a receiver URL. The receiver's answer is read
 * by the shared policy in contract/delivery.ts: 2xx marks the item sent, a refusal throws
 * DeliveryRefused (the outbox keeps and reports the item, later items go on), anything else throws a
 * plain error (retried with backoff; later items wait).
 */
import { deliveryFor } from '../../contract/delivery.js';
import { DeliveryRefused, type OutboxItem } from './outbox.js';

export interface HttpSenderOptions {
  /** Full URL, e.g. "http://office:8080/api/payments/ingest", or a function read at send time. */
  url: string | (() => string);
  /** Sent as `Authorization: Bearer …` when present. */
  token?: string | (() => string | undefined);
  /** More headers, read at send time (a machine's credential and clock: server/agent/hub-link.ts). */
  headers?: () => Record<string, string>;
  /** The request body made from the item; the whole item when absent. */
  body?: (item: OutboxItem) => unknown;
  timeoutMs?: number;
}

export function httpSender(options: HttpSenderOptions): (item: OutboxItem) => Promise<void> {
  return async (item) => {
    const url = typeof options.url === 'function' ? options.url() : options.url;
    const token = typeof options.token === 'function' ? options.token() : options.token;
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers?.() };
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
