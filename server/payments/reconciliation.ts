/**
 * End of day: ask the terminal for its totals since its last end of day, compare them with the
 * journal's approved payments not yet reconciled, store the comparison and list every difference.
 * Payments still "unknown" are listed too: they are the usual explanation for a difference.
 */
import { randomUUID } from 'node:crypto';
import type { Reconciliation } from '../../contract/payments.js';
import type { EndOfDayTotals } from '../../hardware/types.js';
import type { Clock } from '../clock.js';
import type { Db, Statement } from '../store/database.js';
import type { JournalRow, PaymentJournal } from './journal.js';
import { formatPounds } from './receipt.js';

type SchemeTotal = { scheme: string; count: number; totalPence: number };

const schemeKey = (scheme: string | null) => (scheme && scheme.trim() ? scheme.trim().toUpperCase() : 'UNKNOWN');

export class Reconciler {
  private readonly lastAt: Statement<[string], string>;
  private readonly approvedNotReconciled: Statement<[string], JournalRow>;
  private readonly insert: Statement<[string, string, string, string | null, 0 | 1, string]>;
  private readonly latest: Statement<[number], string>;
  private readonly latestOfKiosk: Statement<[string, number], string>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly journal: PaymentJournal,
  ) {
    this.lastAt = db
      .prepare<[string], string>('SELECT at FROM payment_reconciliations WHERE kiosk = ? ORDER BY at DESC LIMIT 1')
      .pluck();
    this.approvedNotReconciled = db.prepare(
      "SELECT * FROM payment_journal WHERE kiosk = ? AND state IN ('approved', 'receipt-printed') AND reconciliation_id IS NULL ORDER BY created_at",
    );
    this.insert = db.prepare(
      'INSERT INTO payment_reconciliations (id, kiosk, at, period_start, matched, body) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.latest = db
      .prepare<[number], string>('SELECT body FROM payment_reconciliations ORDER BY at DESC LIMIT ?')
      .pluck();
    this.latestOfKiosk = db
      .prepare<[string, number], string>(
        'SELECT body FROM payment_reconciliations WHERE kiosk = ? ORDER BY at DESC LIMIT ?',
      )
      .pluck();
  }

  /** Compares and records. Call with the totals the terminal has just returned from endOfDay(). */
  record(kiosk: string, terminal: EndOfDayTotals): Reconciliation {
    return this.db.transaction((): Reconciliation => {
      const at = this.clock.now().toISOString();
      const previous = this.lastAt.get(kiosk);
      const approved = this.approvedNotReconciled.all(kiosk);
      const unknown = this.journal.inStates(kiosk, ['unknown', 'authorising']);
      const journalByScheme = new Map<string, SchemeTotal>();
      for (const row of approved) {
        const key = schemeKey(row.card_scheme);
        const entry = journalByScheme.get(key) ?? { scheme: key, count: 0, totalPence: 0 };
        entry.count++;
        entry.totalPence += row.amount_pence;
        journalByScheme.set(key, entry);
      }
      const journalCount = approved.length;
      const journalTotal = approved.reduce((sum, row) => sum + row.amount_pence, 0);
      const differences: Reconciliation['differences'] = [];
      if (terminal.count !== journalCount)
        differences.push({
          kind: 'count',
          scheme: null,
          terminal: terminal.count,
          journal: journalCount,
          detail: `The terminal counted ${terminal.count} payments, the journal ${journalCount}.`,
        });
      if (terminal.totalPence !== journalTotal)
        differences.push({
          kind: 'total',
          scheme: null,
          terminal: terminal.totalPence,
          journal: journalTotal,
          detail: `The terminal's total is ${formatPounds(terminal.totalPence)}, the journal's ${formatPounds(journalTotal)} (difference ${formatPounds(terminal.totalPence - journalTotal)}).`,
        });
      const terminalByScheme = new Map<string, SchemeTotal>();
      for (const s of terminal.byScheme)
        terminalByScheme.set(schemeKey(s.scheme), {
          scheme: schemeKey(s.scheme),
          count: s.count,
          totalPence: s.totalPence,
        });
      for (const scheme of new Set([...terminalByScheme.keys(), ...journalByScheme.keys()])) {
        const t = terminalByScheme.get(scheme) ?? { scheme, count: 0, totalPence: 0 };
        const j = journalByScheme.get(scheme) ?? { scheme, count: 0, totalPence: 0 };
        if (t.totalPence !== j.totalPence || t.count !== j.count)
          differences.push({
            kind: 'scheme',
            scheme,
            terminal: t.totalPence,
            journal: j.totalPence,
            detail: `${scheme}: terminal ${t.count} for ${formatPounds(t.totalPence)}, journal ${j.count} for ${formatPounds(j.totalPence)}.`,
          });
      }
      if (unknown.length > 0)
        differences.push({
          kind: 'unknown-payments',
          scheme: null,
          terminal: 0,
          journal: unknown.length,
          detail: `${unknown.length} payment(s) with outcome unknown (${unknown.map((r) => `${formatPounds(r.amount_pence)} at ${r.created_at}`).join('; ')}): check them on the terminal and settle them.`,
        });
      const reconciliation: Reconciliation = {
        id: randomUUID(),
        kiosk,
        at,
        periodStart: previous ?? null,
        terminal: { count: terminal.count, totalPence: terminal.totalPence, byScheme: [...terminalByScheme.values()] },
        journal: {
          count: journalCount,
          totalPence: journalTotal,
          byScheme: [...journalByScheme.values()],
          unknownIds: unknown.map((r) => r.id),
        },
        matched: differences.length === 0,
        differences,
      };
      this.insert.run(
        reconciliation.id,
        kiosk,
        at,
        reconciliation.periodStart,
        reconciliation.matched ? 1 : 0,
        JSON.stringify(reconciliation),
      );
      this.journal.markReconciled(
        approved.map((r) => r.id),
        reconciliation.id,
      );
      return reconciliation;
    })();
  }

  list(kiosk?: string, limit = 50): Reconciliation[] {
    const rows = kiosk ? this.latestOfKiosk.all(kiosk, limit) : this.latest.all(limit);
    return rows.map((body) => JSON.parse(body) as Reconciliation);
  }
}
