/**
 * The office's side: payments as received from kiosks' outboxes, and what is reported and exported
 * from them. Ingest is idempotent on the payment id: a row is replaced only by a newer version, so
 * an outbox sending the same item twice (at-least-once) or out of order never counts a payment twice
 * nor moves it backwards.
 */
import { toCsv, type CsvRow } from '../../contract/csv.js';
import { Payment, type PaymentOutcome, type PaymentsReport, type ReportRow } from '../../contract/payments.js';
import type { Clock } from '../clock.js';
import type { Db, Statement } from '../store/database.js';
import { addDays, formatLocalDateTime, zonedDay } from '../zoned-time.js';

export interface IngestResult {
  stored: boolean;
  /** Why nothing changed, when nothing did. */
  reason?: 'older-or-same-version';
}

export interface ReceivedFilter {
  from?: string;
  to?: string;
  kiosk?: string;
  type?: string;
  outcome?: PaymentOutcome;
  limit?: number;
}

interface ReceivedRow {
  body: string;
}

interface ReceivedVersion {
  id: string;
  version: number;
  kiosk: string;
  type: string;
  state: string;
  outcome: string;
  amount: number;
  created: string;
  body: string;
  received: string;
}

interface ReceivedQuery {
  /** UTC bounds of created_at, null when open. */
  lo: string | null;
  hi: string | null;
  kiosk: string | null;
  type: string | null;
  outcome: string | null;
}

export class OfficeLedger {
  private readonly versionOf: Statement<[string], number>;
  private readonly store: Statement<[ReceivedVersion]>;
  private readonly received: Statement<[ReceivedQuery], ReceivedRow>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly timeZone: string,
  ) {
    this.versionOf = db.prepare<[string], number>('SELECT version FROM payments_received WHERE id = ?').pluck();
    this.store = db.prepare(
      `INSERT INTO payments_received (id, version, kiosk, type, state, outcome, amount_pence, created_at, body, received_at)
       VALUES (@id, @version, @kiosk, @type, @state, @outcome, @amount, @created, @body, @received)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, state = excluded.state, outcome = excluded.outcome,
         body = excluded.body, received_at = excluded.received_at`,
    );
    this.received = db.prepare(
      `SELECT body FROM payments_received
       WHERE (@lo IS NULL OR created_at >= @lo) AND (@hi IS NULL OR created_at < @hi)
         AND (@kiosk IS NULL OR kiosk = @kiosk) AND (@type IS NULL OR type = @type) AND (@outcome IS NULL OR outcome = @outcome)
       ORDER BY created_at DESC, id`,
    );
  }

  ingest(version: number, payment: Payment): IngestResult {
    return this.db.transaction((): IngestResult => {
      const existing = this.versionOf.get(payment.id);
      if (existing !== undefined && existing >= version) return { stored: false, reason: 'older-or-same-version' };
      this.store.run({
        id: payment.id,
        version,
        kiosk: payment.kiosk,
        type: payment.type,
        state: payment.state,
        outcome: payment.outcome,
        amount: payment.amountPence,
        created: payment.createdAt,
        body: JSON.stringify({ ...payment, prompt: null, cancellable: false }),
        received: this.clock.now().toISOString(),
      });
      return { stored: true };
    })();
  }

  /** Payments whose creation falls on local dates from..to (inclusive), newest first. */
  list(filter: ReceivedFilter): Payment[] {
    const { from, to } = filter;
    // Widen by a day each side in UTC, then filter exactly by the site's local date.
    const rows = this.received.all({
      lo: from === undefined ? null : addDays(from, -1),
      hi: to === undefined ? null : addDays(to, 2),
      kiosk: filter.kiosk ?? null,
      type: filter.type ?? null,
      outcome: filter.outcome ?? null,
    });
    const payments = rows
      .map((row) => Payment.parse(JSON.parse(row.body)))
      .filter((payment) => {
        const day = zonedDay(new Date(payment.createdAt), this.timeZone);
        return (from === undefined || day >= from) && (to === undefined || day <= to);
      });
    return filter.limit ? payments.slice(0, filter.limit) : payments;
  }

  report(from: string, to: string, filter: Omit<ReceivedFilter, 'from' | 'to' | 'limit'> = {}): PaymentsReport {
    const payments = this.list({ ...filter, from, to });
    const group = (key: (p: Payment) => string) => {
      const rows = new Map<string, ReportRow>();
      for (const payment of payments) {
        const k = key(payment);
        const row = rows.get(k) ?? emptyRow(k);
        add(row, payment);
        rows.set(k, row);
      }
      return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
    };
    const total = emptyRow('total');
    for (const payment of payments) add(total, payment);
    return {
      from,
      to,
      total,
      byType: group((p) => p.type),
      byDay: group((p) => zonedDay(new Date(p.createdAt), this.timeZone)),
      byKiosk: group((p) => p.kiosk),
    };
  }

  /**
   * The daily export for the income management system (layout in docs/payments.md "Daily export"):
   * a D line per approved payment, a T line per payment type, one Z line; amounts in pounds.
   */
  exportCsv(
    date: string,
    types: readonly { id: string; name: string; incomeCode: string }[],
  ): { csv: string; count: number; totalPence: number } {
    const approved = this.list({ from: date, to: date, outcome: 'approved' }).sort((a, b) =>
      a.type === b.type ? (a.receiptNumber ?? '').localeCompare(b.receiptNumber ?? '') : a.type.localeCompare(b.type),
    );
    const rows: CsvRow[] = [
      [
        'record',
        'date',
        'time',
        'payment_type',
        'income_code',
        'kiosk',
        'receipt_number',
        'reference',
        'auth_code',
        'card_scheme',
        'count',
        'amount',
      ],
    ];
    const typeInfo = (id: string) => types.find((t) => t.id === id) ?? { id, name: id, incomeCode: '' };
    let count = 0;
    let totalPence = 0;
    const byType = new Map<string, { count: number; pence: number }>();
    for (const p of approved) {
      const time = formatLocalDateTime(p.resolvedAt ?? p.updatedAt, this.timeZone).slice(11);
      rows.push([
        'D',
        date,
        time,
        p.type,
        typeInfo(p.type).incomeCode,
        p.kiosk,
        p.receiptNumber,
        p.reference,
        p.authCode,
        p.cardScheme,
        1,
        pounds(p.amountPence),
      ]);
      const t = byType.get(p.type) ?? { count: 0, pence: 0 };
      t.count++;
      t.pence += p.amountPence;
      byType.set(p.type, t);
      count++;
      totalPence += p.amountPence;
    }
    for (const [type, t] of [...byType.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      rows.push([
        'T',
        date,
        null,
        type,
        typeInfo(type).incomeCode,
        null,
        null,
        null,
        null,
        null,
        t.count,
        pounds(t.pence),
      ]);
    }
    rows.push(['Z', date, null, null, null, null, null, null, null, null, count, pounds(totalPence)]);
    return { csv: toCsv(rows), count, totalPence };
  }
}

function emptyRow(key: string): ReportRow {
  return { key, approvedCount: 0, approvedPence: 0, declined: 0, cancelled: 0, unknown: 0 };
}

function add(row: ReportRow, payment: Payment): void {
  switch (payment.outcome) {
    case 'approved':
      row.approvedCount++;
      row.approvedPence += payment.amountPence;
      break;
    case 'declined':
      row.declined++;
      break;
    case 'cancelled':
      row.cancelled++;
      break;
    case 'unknown':
      row.unknown++;
      break;
    case 'in-progress':
      break;
  }
}

function pounds(pence: number): string {
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}
