/**
 * The kiosk's payment journal (docs/payments.md "Journal"). Every change is one SQLite transaction
 * that also queues the new version of the row in the outbox, so the office hears of every state the
 * journal ever committed, and nothing it did not.
 *
 * The rule that keeps money safe: the row is committed as `authorising` BEFORE the terminal is asked,
 * so after any crash a row in `authorising` means "the terminal may have taken the money" and becomes
 * `unknown` — it is never retried by the app.
 */
import type { Clock } from '../clock.js';
import type { Db, Statement } from '../store/database.js';
import type { Outbox } from '../outbox/outbox.js';
import { outcomeOf, type Payment, type PaymentState } from '../../contract/payments.js';
import type { AuthorisationResult } from '../../hardware/types.js';
import { maskCardData } from './pci.js';

export interface JournalRow {
  id: string;
  kiosk: string;
  type: string;
  reference: string;
  amount_pence: number;
  state: PaymentState;
  created_at: string;
  updated_at: string;
  authorising_at: string | null;
  receipt_seq: number | null;
  receipt_number: string | null;
  auth_code: string | null;
  card_scheme: string | null;
  last_four: string | null;
  terminal_id: string | null;
  trace_number: string | null;
  result_code: string | null;
  message: string | null;
  receipt_text: string | null;
  receipt_problem: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
  reconciliation_id: string | null;
  version: number;
}

export interface NewPayment {
  id: string;
  kiosk: string;
  type: string;
  reference: string;
  amountPence: number;
}

export class IllegalTransition extends Error {
  constructor(
    readonly id: string,
    readonly from: PaymentState,
    readonly to: PaymentState,
  ) {
    super(`payment ${id} cannot go from ${from} to ${to}`);
  }
}

/** Which states each state may move to (the whole state machine). */
const allowed: Record<PaymentState, readonly PaymentState[]> = {
  pending: ['authorising', 'cancelled'],
  authorising: ['approved', 'declined', 'cancelled', 'unknown'],
  // A late final answer from the terminal, or staff settling it after checking the terminal.
  unknown: ['approved', 'declined'],
  approved: ['receipt-printed'],
  declined: [],
  cancelled: [],
  'receipt-printed': [],
};

export function toPayment(row: JournalRow): Payment {
  return {
    id: row.id,
    kiosk: row.kiosk,
    type: row.type,
    reference: row.reference,
    amountPence: row.amount_pence,
    state: row.state,
    outcome: outcomeOf(row.state),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    receiptNumber: row.receipt_number,
    authCode: row.auth_code,
    cardScheme: row.card_scheme,
    lastFour: row.last_four,
    terminalId: row.terminal_id,
    traceNumber: row.trace_number,
    resultCode: row.result_code,
    message: row.message,
    prompt: null,
    cancellable: row.state === 'pending',
    receiptProblem: row.receipt_problem,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at,
  };
}

/** The columns a change may write (everything but the payment's identity, its times and its version). */
type ChangeableFields = Pick<
  JournalRow,
  | 'state'
  | 'authorising_at'
  | 'receipt_seq'
  | 'receipt_number'
  | 'auth_code'
  | 'card_scheme'
  | 'last_four'
  | 'terminal_id'
  | 'trace_number'
  | 'result_code'
  | 'message'
  | 'receipt_text'
  | 'receipt_problem'
  | 'resolved_by'
  | 'resolved_at'
  | 'resolution_note'
>;

export class PaymentJournal {
  private readonly byId: Statement<[string], JournalRow>;
  private readonly byReceipt: Statement<[string], JournalRow>;
  private readonly ofKioskInStates: Statement<[string, string], JournalRow>;
  private readonly latestRows: Statement<[{ kiosk: string | null; state: PaymentState | null }], JournalRow>;
  private readonly idsInState: Statement<[PaymentState], string>;
  private readonly approvedWithoutReceiptProblem: Statement<[], string>;
  private readonly insert: Statement<[string, string, string, string, number, string, string]>;
  private readonly write: Statement<[ChangeableFields & { id: string; updated_at: string }]>;
  private readonly setReconciliation: Statement<[string, string]>;
  private readonly lastReceiptSeq: Statement<[string], number>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {
    this.byId = db.prepare('SELECT * FROM payment_journal WHERE id = ?');
    this.byReceipt = db.prepare('SELECT * FROM payment_journal WHERE receipt_number = ?');
    this.ofKioskInStates = db.prepare(
      'SELECT * FROM payment_journal WHERE kiosk = ? AND state IN (SELECT value FROM json_each(?)) ORDER BY created_at, id',
    );
    this.latestRows = db.prepare(
      'SELECT * FROM payment_journal WHERE (@kiosk IS NULL OR kiosk = @kiosk) AND (@state IS NULL OR state = @state) ORDER BY created_at DESC LIMIT 500',
    );
    this.idsInState = db.prepare<[PaymentState], string>('SELECT id FROM payment_journal WHERE state = ?').pluck();
    this.approvedWithoutReceiptProblem = db
      .prepare<[], string>("SELECT id FROM payment_journal WHERE state = 'approved' AND receipt_problem IS NULL")
      .pluck();
    this.insert = db.prepare(
      `INSERT INTO payment_journal (id, kiosk, type, reference, amount_pence, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
    );
    this.write = db.prepare(
      `UPDATE payment_journal SET state = @state, authorising_at = @authorising_at, receipt_seq = @receipt_seq,
         receipt_number = @receipt_number, auth_code = @auth_code, card_scheme = @card_scheme, last_four = @last_four,
         terminal_id = @terminal_id, trace_number = @trace_number, result_code = @result_code, message = @message,
         receipt_text = @receipt_text, receipt_problem = @receipt_problem, resolved_by = @resolved_by,
         resolved_at = @resolved_at, resolution_note = @resolution_note, updated_at = @updated_at, version = version + 1
       WHERE id = @id`,
    );
    this.setReconciliation = db.prepare(
      'UPDATE payment_journal SET reconciliation_id = ? WHERE id = ? AND reconciliation_id IS NULL',
    );
    this.lastReceiptSeq = db
      .prepare<[string], number>('SELECT COALESCE(MAX(receipt_seq), 0) + 1 FROM payment_journal WHERE kiosk = ?')
      .pluck();
  }

  get(id: string): JournalRow | null {
    return this.byId.get(id) ?? null;
  }

  byReceiptNumber(receiptNumber: string): JournalRow | null {
    return this.byReceipt.get(receiptNumber) ?? null;
  }

  /** Payments of a kiosk in one of these states, oldest first. */
  inStates(kiosk: string, states: readonly PaymentState[]): JournalRow[] {
    return this.ofKioskInStates.all(kiosk, JSON.stringify(states));
  }

  /** The latest 500 payments, newest first, of one kiosk and one state when given. */
  latest(filter: { kiosk?: string | undefined; state?: PaymentState | undefined }): JournalRow[] {
    return this.latestRows.all({ kiosk: filter.kiosk ?? null, state: filter.state ?? null });
  }

  create(payment: NewPayment): JournalRow {
    const now = this.clock.now().toISOString();
    return this.db.transaction(() => {
      this.insert.run(payment.id, payment.kiosk, payment.type, payment.reference, payment.amountPence, now, now);
      return this.mustGet(payment.id);
    })();
  }

  /** Committed before the terminal is asked: from here on a crash means "outcome unknown". */
  markAuthorising(id: string): JournalRow {
    return this.transition(id, 'authorising', { authorising_at: this.clock.now().toISOString() });
  }

  /** Resident cancelled (or the kiosk gave up) before the terminal was asked. */
  cancelPending(id: string, message: string): JournalRow {
    return this.db.transaction(() => {
      const row = this.mustGet(id);
      // Once authorising, only the terminal's own answer may say "cancelled".
      if (row.state !== 'pending') throw new IllegalTransition(id, row.state, 'cancelled');
      return this.transition(id, 'cancelled', { message });
    })();
  }

  /**
   * Records the terminal's final answer. On approval the kiosk's next receipt number is taken in the
   * same transaction, and `receiptText(number)` is stored (masked) as what the receipt says.
   */
  complete(
    id: string,
    result: AuthorisationResult,
    receiptText: (row: JournalRow, receiptNumber: string) => string,
  ): JournalRow {
    return this.db.transaction(() => {
      const row = this.mustGet(id);
      const late = row.state === 'unknown' ? ' (answer arrived after the kiosk had stopped waiting)' : '';
      switch (result.outcome) {
        case 'approved': {
          const { seq, receiptNumber } = this.nextReceiptNumber(row.kiosk);
          const approvedRow: JournalRow = {
            ...row,
            auth_code: result.authCode,
            card_scheme: result.cardScheme,
            last_four: result.lastFour,
          };
          return this.transition(id, 'approved', {
            receipt_seq: seq,
            receipt_number: receiptNumber,
            auth_code: result.authCode,
            card_scheme: result.cardScheme,
            last_four: /^\d{4}$/.test(result.lastFour) ? result.lastFour : null,
            terminal_id: result.terminalId,
            trace_number: result.traceNumber,
            result_code: '00',
            message: late ? `Approved${late}.` : null,
            receipt_text: maskCardData(receiptText(approvedRow, receiptNumber)),
          });
        }
        case 'declined':
          return this.transition(id, 'declined', {
            result_code: result.resultCode,
            message: maskCardData(result.message + late),
          });
        case 'cancelled':
          return this.transition(id, 'cancelled', { message: maskCardData(result.message) });
        case 'unknown':
          if (row.state === 'unknown') return row;
          return this.transition(id, 'unknown', { message: maskCardData(result.message) });
      }
    })();
  }

  markReceiptPrinted(id: string): JournalRow {
    return this.transition(id, 'receipt-printed', { receipt_problem: null });
  }

  /** Approved but the receipt did not print: the payment stands, staff can reprint. */
  markReceiptProblem(id: string, problem: string): JournalRow {
    return this.update(id, { receipt_problem: problem });
  }

  /**
   * Run at start-up, before anything else touches the journal. Never re-authorises:
   * pending → cancelled (the terminal was never asked); authorising → unknown (it may have been).
   */
  recoverAfterRestart(): { unknown: JournalRow[]; cancelled: JournalRow[]; receiptMissing: JournalRow[] } {
    return this.db.transaction(() => {
      const authorising = this.idsInState.all('authorising');
      const pending = this.idsInState.all('pending');
      const unknown = authorising.map((id) =>
        this.transition(id, 'unknown', {
          message:
            'The kiosk stopped while the card terminal was working. Check the terminal before settling this payment.',
        }),
      );
      const cancelled = pending.map((id) =>
        this.transition(id, 'cancelled', {
          message: 'The kiosk stopped before the card terminal was asked. Nothing was taken.',
        }),
      );
      const receiptMissing = this.approvedWithoutReceiptProblem.all().map((id) =>
        this.update(id, {
          receipt_problem: 'The kiosk stopped before the receipt was printed. Reprint it from the staff screen.',
        }),
      );
      return { unknown, cancelled, receiptMissing };
    })();
  }

  /** Staff settle an unknown payment after checking the terminal's own records. */
  resolve(
    id: string,
    settle: { outcome: 'approved' | 'declined'; note: string; by: string; authCode?: string; cardScheme?: string },
    receiptText: (row: JournalRow, receiptNumber: string) => string,
  ): JournalRow {
    return this.db.transaction(() => {
      const row = this.mustGet(id);
      if (row.state !== 'unknown') throw new IllegalTransition(id, row.state, settle.outcome);
      const resolution = {
        resolved_by: settle.by,
        resolved_at: this.clock.now().toISOString(),
        resolution_note: settle.note,
        message: `Settled by staff: ${settle.note}`,
      };
      if (settle.outcome === 'declined') return this.transition(id, 'declined', resolution);
      const { seq, receiptNumber } = this.nextReceiptNumber(row.kiosk);
      return this.transition(id, 'approved', {
        ...resolution,
        receipt_seq: seq,
        receipt_number: receiptNumber,
        auth_code: settle.authCode ?? null,
        card_scheme: settle.cardScheme?.toUpperCase() ?? null,
        receipt_text: maskCardData(
          receiptText(
            { ...row, auth_code: settle.authCode ?? null, card_scheme: settle.cardScheme?.toUpperCase() ?? null },
            receiptNumber,
          ),
        ),
        receipt_problem: 'Settled by staff after the resident left; no receipt was printed.',
      });
    })();
  }

  markReconciled(ids: readonly string[], reconciliationId: string): void {
    for (const id of ids) this.setReconciliation.run(reconciliationId, id);
  }

  /** Sequential per kiosk, never reused (UNIQUE (kiosk, receipt_seq) backs this up). */
  private nextReceiptNumber(kiosk: string): { seq: number; receiptNumber: string } {
    const seq = this.lastReceiptSeq.get(kiosk) ?? 1;
    return { seq, receiptNumber: `${kiosk}-${String(seq).padStart(6, '0')}` };
  }

  private transition(id: string, to: PaymentState, fields: Partial<ChangeableFields>): JournalRow {
    const row = this.mustGet(id);
    if (!allowed[row.state].includes(to)) throw new IllegalTransition(id, row.state, to);
    return this.update(id, { ...fields, state: to });
  }

  /** Writes fields, bumps the version and queues the new version for the office, in one transaction. */
  private update(id: string, fields: Partial<ChangeableFields>): JournalRow {
    return this.db.transaction(() => {
      const changed = { ...this.mustGet(id), ...fields };
      this.write.run({
        id,
        state: changed.state,
        authorising_at: changed.authorising_at ?? null,
        receipt_seq: changed.receipt_seq ?? null,
        receipt_number: changed.receipt_number ?? null,
        auth_code: changed.auth_code ?? null,
        card_scheme: changed.card_scheme ?? null,
        last_four: changed.last_four ?? null,
        terminal_id: changed.terminal_id ?? null,
        trace_number: changed.trace_number ?? null,
        result_code: changed.result_code ?? null,
        message: changed.message ?? null,
        receipt_text: changed.receipt_text ?? null,
        receipt_problem: changed.receipt_problem ?? null,
        resolved_by: changed.resolved_by ?? null,
        resolved_at: changed.resolved_at ?? null,
        resolution_note: changed.resolution_note ?? null,
        updated_at: this.clock.now().toISOString(),
      });
      const row = this.mustGet(id);
      this.outbox.enqueue('payment', `${row.id}:v${row.version}`, { version: row.version, payment: toPayment(row) });
      return row;
    })();
  }

  private mustGet(id: string): JournalRow {
    const row = this.get(id);
    if (!row) throw new Error(`no payment ${id} in the journal`);
    return row;
  }
}
