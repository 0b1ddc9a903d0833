/**
 * The usual `send` for an outbox: POST the item as JSON to a receiver URL. Any answer other than
 * 2xx (or a network error, or no answer within the timeout) is a failure, so the item is retried.
 */
import type { OutboxItem } from './outbox.js';

export interface HttpSenderOptions {
  /** Full URL, e.g. "http://office:8080/api/payments/ingest", or a function read at send time. */
  url: string | (() => string);
  /** Sent as `Authorization: Bearer …` when present. */
  token?: string | (() => string | undefined);
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
      body: JSON.stringify(item),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new Error(`receiver answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
    }
    await response.body?.cancel().catch(() => undefined);
  };
}
