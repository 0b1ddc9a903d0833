/**
 * The one `send` for outboxes: POST an item as JSON to a receiver URL. The receiver's answer is read
 * by the shared policy in contract/delivery.ts: 2xx marks the item sent, a refusal throws
 * DeliveryRefused (the outbox keeps and reports the item, later items go on), anything else throws a
 * plain error (retried with backoff; later items wait).
 */
import { machineTimeHeader } from '../../contract/agent.js';
import { deliveryFor } from '../../contract/delivery.js';
import { machineAuthScheme } from '../../contract/machines.js';
import type { Clock } from '../clock.js';
import { DeliveryRefused, type OutboxItem } from './outbox.js';

export interface HttpSenderOptions {
  /** Full URL, e.g. "http://office:8080/api/payments/ingest", or a function read at send time. */
  url: string | (() => string);
  /** Sent as `Authorization: Bearer …` when present (and no machine credential is). */
  token?: string | (() => string | undefined);
  /** This machine's credential, sent as `Authorization: Machine …` when present, instead of the token. */
  machineCredential?: string | (() => string | undefined);
  /** This machine's clock, sent as x-machine-time so the receiver can measure the offset. */
  clock?: Clock;
  /** The request body made from the item; the whole item when absent. */
  body?: (item: OutboxItem) => unknown;
  timeoutMs?: number;
}

export function httpSender(options: HttpSenderOptions): (item: OutboxItem) => Promise<void> {
  return async (item) => {
    const url = typeof options.url === 'function' ? options.url() : options.url;
    const token = typeof options.token === 'function' ? options.token() : options.token;
    const credential =
      typeof options.machineCredential === 'function' ? options.machineCredential() : options.machineCredential;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (credential) headers.authorization = `${machineAuthScheme} ${credential}`;
    else if (token) headers.authorization = `Bearer ${token}`;
    if (options.clock) headers[machineTimeHeader] = options.clock.now().toISOString();
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
