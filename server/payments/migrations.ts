/**
 * Payment tables. Two sides live in the same file when one hub is both kiosk and office:
 * - `payment_journal`: the kiosk's own journal (docs/payments.md "Journal"), one row per attempt.
 * - `payment_reconciliations`: each end-of-day comparison of the terminal's totals with the journal.
 * - `payments_received`: the office's record, filled only by /api/payments/ingest from kiosks'
 *   outboxes, one row per payment id (the latest version wins), so a payment is never counted twice.
 * Times are ISO 8601 UTC text. Only these card facts are kept: scheme, last four, auth code,
 * terminal id, trace number, and the masked receipt text.
 */
import type { Migration } from '../store/database.js';

export const paymentMigrations: readonly Migration[] = [
  {
    id: 'payments-001-journal',
    sql: `
      CREATE TABLE payment_journal (
        id TEXT PRIMARY KEY,
        kiosk TEXT NOT NULL,
        type TEXT NOT NULL,
        reference TEXT NOT NULL,
        amount_pence INTEGER NOT NULL CHECK (amount_pence > 0),
        state TEXT NOT NULL CHECK (state IN ('pending', 'authorising', 'approved', 'declined', 'cancelled', 'unknown', 'receipt-printed')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        authorising_at TEXT,
        receipt_seq INTEGER,
        receipt_number TEXT UNIQUE,
        auth_code TEXT,
        card_scheme TEXT,
        last_four TEXT CHECK (last_four IS NULL OR (length(last_four) = 4 AND last_four NOT GLOB '*[^0-9]*')),
        terminal_id TEXT,
        trace_number TEXT,
        result_code TEXT,
        message TEXT,
        receipt_text TEXT,
        receipt_problem TEXT,
        resolved_by TEXT,
        resolved_at TEXT,
        resolution_note TEXT,
        reconciliation_id TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        UNIQUE (kiosk, receipt_seq)
      );
      CREATE INDEX payment_journal_kiosk_state ON payment_journal (kiosk, state);
      CREATE INDEX payment_journal_created ON payment_journal (created_at);

      CREATE TABLE payment_reconciliations (
        id TEXT PRIMARY KEY,
        kiosk TEXT NOT NULL,
        at TEXT NOT NULL,
        period_start TEXT,
        matched INTEGER NOT NULL CHECK (matched IN (0, 1)),
        body TEXT NOT NULL
      );
      CREATE INDEX payment_reconciliations_kiosk ON payment_reconciliations (kiosk, at);

      CREATE TABLE payments_received (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        kiosk TEXT NOT NULL,
        type TEXT NOT NULL,
        state TEXT NOT NULL,
        outcome TEXT NOT NULL,
        amount_pence INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        body TEXT NOT NULL,
        received_at TEXT NOT NULL
      );
      CREATE INDEX payments_received_created ON payments_received (created_at);
    `,
  },
];
