/** The staff payments page's server calls, each answer parsed with its contract schema. */
import { z } from 'zod';
import {
  Payment,
  PaymentsExport,
  PaymentsReport,
  Reconciliation,
  ReprintResponse,
  type ResolvePaymentRequest,
} from '../../../contract/payments';
import { request } from '../../shared/api-client';

export interface PaymentsPeriod {
  /** Null only if the server sent no content. */
  report: PaymentsReport | null;
  payments: Payment[];
}

/** The report and the payments themselves, for the days from `from` to `to` (YYYY-MM-DD, both included). */
export async function fetchPeriod(from: string, to: string): Promise<PaymentsPeriod> {
  const query = `from=${from}&to=${to}`;
  const [report, payments] = await Promise.all([
    request('GET', `/api/payments/report?${query}`, PaymentsReport),
    request('GET', `/api/payments?${query}&limit=500`, z.array(Payment)),
  ]);
  return { report, payments: payments ?? [] };
}

/** Payments whose outcome is unknown, to settle after checking the terminal. */
export const fetchUnknownPayments = async (): Promise<Payment[]> =>
  (await request('GET', '/api/payments/journal?state=unknown', z.array(Payment))) ?? [];

export type Resolution = z.infer<typeof ResolvePaymentRequest>;

export const settlePayment = (id: string, resolution: Resolution) =>
  request('POST', `/api/payments/${encodeURIComponent(id)}/resolve`, Payment, resolution);

export const reprintReceipt = (receiptNumber: string) =>
  request('POST', `/api/payments/receipts/${encodeURIComponent(receiptNumber)}/reprint`, ReprintResponse, {});

/** The day's export file for the income management system (date YYYY-MM-DD). */
export const fetchDailyExport = (date: string) =>
  request('GET', `/api/payments/export.json?date=${date}`, PaymentsExport);

/** The terminal's end of day, compared with the journal. */
export const runEndOfDay = (kiosk: string) => request('POST', '/api/payments/reconcile', Reconciliation, { kiosk });
