import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ManualClock } from '../../server/clock.js';
import { Outbox } from '../../server/outbox/outbox.js';
import { IllegalTransition, PaymentJournal } from '../../server/payments/journal.js';
import { paymentMigrations } from '../../server/payments/migrations.js';
import { openDatabase, type Db } from '../../server/store/database.js';
import { approved } from './harness.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function journalOn(file?: string) {
  const dir = file ? '' : mkdtempSync(join(tmpdir(), 'journal-'));
  if (dir) dirs.push(dir);
  const path = file ?? join(dir, 'reception.sqlite');
  const db = openDatabase(path, paymentMigrations);
  dbs.push(db);
  const clock = new ManualClock(new Date('2026-11-27T10:00:00Z'));
  const outbox = new Outbox(db, {
    name: 'payments',
    send: async () => undefined,
    clock,
    logger: pino({ level: 'silent' }),
  });
  return { db, path, clock, outbox, journal: new PaymentJournal(db, clock, outbox) };
}

let n = 0;
const newPayment = (kiosk = 'kiosk-1') => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  kiosk,
  type: 'council-tax',
  reference: '12345679',
  amountPence: 1000,
});
const text = () => 'receipt';

describe('payment journal', () => {
  it('follows the state machine and refuses every other move', () => {
    const { journal } = journalOn();
    const p = journal.create(newPayment());
    expect(() => journal.complete(p.id, approved(1000), text)).toThrow(IllegalTransition); // pending → approved: terminal never asked
    expect(() => journal.markReceiptPrinted(p.id)).toThrow(IllegalTransition);
    journal.markAuthorising(p.id);
    expect(() => journal.markAuthorising(p.id)).toThrow(IllegalTransition);
    expect(() => journal.cancelPending(p.id, 'x')).toThrow(IllegalTransition);
    journal.complete(p.id, { outcome: 'declined', resultCode: '05', message: 'Do not honour', receiptLines: [] }, text);
    expect(() => journal.complete(p.id, approved(1000), text)).toThrow(IllegalTransition); // a declined payment stays declined
    expect(journal.get(p.id)?.state).toBe('declined');
  });

  it('numbers receipts per kiosk, in sequence, only for approved payments', () => {
    const { journal } = journalOn();
    const numbers: (string | null)[] = [];
    for (const [kiosk, outcome] of [
      ['kiosk-1', 'approved'],
      ['kiosk-2', 'approved'],
      ['kiosk-1', 'declined'],
      ['kiosk-1', 'approved'],
      ['kiosk-2', 'approved'],
    ] as const) {
      const p = journal.create(newPayment(kiosk));
      journal.markAuthorising(p.id);
      const row = journal.complete(
        p.id,
        outcome === 'approved'
          ? approved(1000)
          : { outcome: 'declined', resultCode: '51', message: 'No funds', receiptLines: [] },
        text,
      );
      numbers.push(row.receipt_number);
    }
    expect(numbers).toEqual(['kiosk-1-000001', 'kiosk-2-000001', null, 'kiosk-1-000002', 'kiosk-2-000002']);
  });

  it('queues every committed state for the office, each version once, in the same transaction', () => {
    const { journal, db } = journalOn();
    const p = journal.create(newPayment());
    journal.markAuthorising(p.id);
    journal.complete(p.id, approved(1000), text);
    journal.markReceiptPrinted(p.id);
    const items = db
      .prepare("SELECT id, json_extract(payload, '$.payment.state') AS state FROM outbox_items ORDER BY created_at, id")
      .all();
    // "pending" itself is not sent (nothing happened yet); every later state is.
    expect(items).toEqual([
      { id: `${p.id}:v2`, state: 'authorising' },
      { id: `${p.id}:v3`, state: 'approved' },
      { id: `${p.id}:v4`, state: 'receipt-printed' },
    ]);
    // A refused move queues nothing.
    expect(() => journal.markAuthorising(p.id)).toThrow();
    expect(db.prepare('SELECT COUNT(*) FROM outbox_items').pluck().get()).toBe(3);
  });

  it('after a restart: pending → cancelled, authorising → unknown, approved without receipt flagged; never re-asked', () => {
    const first = journalOn();
    const pending = first.journal.create(newPayment());
    const inFlight = first.journal.create(newPayment());
    first.journal.markAuthorising(inFlight.id);
    const approvedRow = first.journal.create(newPayment());
    first.journal.markAuthorising(approvedRow.id);
    first.journal.complete(approvedRow.id, approved(1000), text);
    const done = first.journal.create(newPayment());
    first.journal.markAuthorising(done.id);
    first.journal.complete(done.id, approved(1000), text);
    first.journal.markReceiptPrinted(done.id);
    first.db.close();

    const second = journalOn(first.path);
    const recovered = second.journal.recoverAfterRestart();
    expect(recovered.cancelled.map((r) => r.id)).toEqual([pending.id]);
    expect(recovered.unknown.map((r) => r.id)).toEqual([inFlight.id]);
    expect(recovered.receiptMissing.map((r) => r.id)).toEqual([approvedRow.id]);
    expect(second.journal.get(done.id)?.state).toBe('receipt-printed');
    // Running recovery again changes nothing.
    expect(second.journal.recoverAfterRestart()).toEqual({ unknown: [], cancelled: [], receiptMissing: [] });
  });

  it('stores only the listed card facts and masks anything card-like in text from the terminal', () => {
    const { journal, db } = journalOn();
    const p = journal.create(newPayment());
    journal.markAuthorising(p.id);
    journal.complete(
      p.id,
      approved(1000, { lastFour: '12345', receiptLines: ['PAN 4761739001010119'] }),
      (row, number) => `${number}\n${'PAN 4761739001010119'}`,
    );
    const row = journal.get(p.id)!;
    expect(row.last_four).toBeNull(); // not four digits: not stored
    expect(row.receipt_text).toContain('************0119');
    expect(row.receipt_text).not.toContain('4761739001010119');
    const columns = (db.prepare('PRAGMA table_info(payment_journal)').all() as { name: string }[]).map((c) => c.name);
    expect(columns.filter((c) => /pan|card_number|track|pin|cvv|expiry/i.test(c))).toEqual([]);
  });
});
