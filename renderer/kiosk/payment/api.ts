/** The payment journey's server calls, each checked against the contract. */
import { must, request, subscribeToEvents } from '../../shared/api-client';
import {
  Payment,
  PaymentEvent,
  PaymentTypesResponse,
  ValidateReferenceResponse,
  type StartPaymentRequest,
} from '../../../contract/payments';

const timeoutMs = 15_000;

export const fetchPaymentTypes = (kioskId: string) =>
  must(
    request('GET', `/api/payments/types?kiosk=${encodeURIComponent(kioskId)}`, PaymentTypesResponse, undefined, {
      timeoutMs,
    }),
    'payment types',
  );

export const validateReference = (type: string, reference: string) =>
  must(
    request('POST', '/api/payments/validate-reference', ValidateReferenceResponse, { type, reference }, { timeoutMs }),
    'reference',
  );

export const startPayment = (body: StartPaymentRequest) =>
  must(request('POST', '/api/payments', Payment, body, { timeoutMs }), 'payment');

export const fetchPayment = (id: string) =>
  must(request('GET', `/api/payments/${encodeURIComponent(id)}`, Payment, undefined, { timeoutMs: 5_000 }), 'payment');

export const cancelPayment = (id: string) =>
  must(request('POST', `/api/payments/${encodeURIComponent(id)}/cancel`, Payment, {}, { timeoutMs }), 'cancel');

export const subscribeToPaymentEvents = (onEvent: (event: PaymentEvent) => void) =>
  subscribeToEvents(PaymentEvent, onEvent);

/** A v4 UUID for the payment's idempotent id (crypto.randomUUID needs a secure context). */
export function newPaymentId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
