/** The one refusal policy: what a receiver's HTTP status means, for the server's outboxes and the kiosk's. */
import { describe, expect, it } from 'vitest';
import { deliveryFor } from '../../contract/delivery.js';

describe('what a receiver answer means', () => {
  it('2xx delivers; 400, 409, 413, 422 refuse the item; busy, down, or wrong URL or token is retried', () => {
    for (const status of [200, 201, 202, 204]) expect(deliveryFor(status), String(status)).toBe('delivered');
    for (const status of [400, 409, 410, 413, 415, 422]) expect(deliveryFor(status), String(status)).toBe('refused');
    for (const status of [401, 403, 404, 405, 408, 425, 429, 500, 502, 503, 504, 304])
      expect(deliveryFor(status), String(status)).toBe('retry');
  });

  it('retries when there was no answer at all (status 0: offline or timed out)', () => {
    expect(deliveryFor(0)).toBe('retry');
  });
});
