import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ManualClock } from '../../server/clock.js';
import { openDatabase, type Db } from '../../server/store/database.js';
import { Outbox, type OutboxItem } from '../../server/outbox/outbox.js';

const logger = pino({ level: 'silent' });
const dirs: string[] = [];
const dbs: Db[] = [];

function freshDb(): { db: Db; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  dirs.push(dir);
  const file = join(dir, 'store.sqlite');
  const db = openDatabase(file, []);
  dbs.push(db);
  return { db, file };
}

afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A receiver that can be switched off, and stores by id like a real idempotent receiver. */
function receiver() {
  const stored = new Map<string, OutboxItem>();
  let deliveries = 0;
  let up = true;
  return {
    stored,
    get deliveries() {
      return deliveries;
    },
    setUp(value: boolean) {
      up = value;
    },
    send: async (item: OutboxItem) => {
      if (!up) throw new Error('connect ECONNREFUSED 127.0.0.1:9');
      deliveries++;
      stored.set(item.id, item);
    },
  };
}

describe('outbox', () => {
  it('sends what was enqueued, once, and marks it sent', async () => {
    const { db } = freshDb();
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    const office = receiver();
    const outbox = new Outbox(db, { name: 'test', send: office.send, clock, logger });
    outbox.enqueue('payment', 'p-1', { amountPence: 1234 });
    expect(outbox.status().pending).toBe(1);
    expect(await outbox.sendDue()).toEqual({ sent: 1, failed: 0 });
    expect(office.stored.get('p-1')).toEqual({ id: 'p-1', kind: 'payment', payload: { amountPence: 1234 } });
    expect(await outbox.sendDue()).toEqual({ sent: 0, failed: 0 });
    expect(outbox.status()).toMatchObject({ pending: 0, sent: 1 });
  });

  it('joins the caller transaction: a rolled-back change leaves nothing to send', async () => {
    const { db } = freshDb();
    db.exec('CREATE TABLE things (id TEXT PRIMARY KEY)');
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    const office = receiver();
    const outbox = new Outbox(db, { name: 'test', send: office.send, clock, logger });
    const write = db.transaction((id: string, fail: boolean) => {
      db.prepare('INSERT INTO things (id) VALUES (?)').run(id);
      outbox.enqueue('thing', id, { id });
      if (fail) throw new Error('validation failed after enqueue');
    });
    expect(() => write('a', true)).toThrow('validation failed');
    write('b', false);
    await outbox.flush();
    expect([...office.stored.keys()]).toEqual(['b']);
  });

  it('ignores a second enqueue of the same id', async () => {
    const { db } = freshDb();
    const office = receiver();
    const outbox = new Outbox(db, {
      name: 'test',
      send: office.send,
      clock: new ManualClock(new Date('2026-11-28T09:00:00Z')),
      logger,
    });
    outbox.enqueue('payment', 'p-1', { v: 1 });
    outbox.enqueue('payment', 'p-1', { v: 2 });
    await outbox.flush();
    expect(office.deliveries).toBe(1);
    expect(office.stored.get('p-1')?.payload).toEqual({ v: 1 });
  });

  it('backs off exponentially while the receiver is down, then delivers', async () => {
    const { db } = freshDb();
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    const office = receiver();
    office.setUp(false);
    const outbox = new Outbox(db, {
      name: 'test',
      send: office.send,
      clock,
      logger,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      random: () => 0.5,
    });
    outbox.enqueue('payment', 'p-1', {});
    const retryTimes: number[] = [];
    const start = clock.now().getTime();
    // Step through time one second at a time and note when an attempt was actually made.
    for (let second = 0; second <= 40; second++) {
      const before = db.prepare('SELECT attempts FROM outbox_items WHERE id = ?').pluck().get('p-1') as number;
      await outbox.sendDue();
      const after = db.prepare('SELECT attempts FROM outbox_items WHERE id = ?').pluck().get('p-1') as number;
      if (after > before) retryTimes.push((clock.now().getTime() - start) / 1000);
      clock.advance(1000);
    }
    // Attempts at 0, then +1 s, +2 s, +4 s, +8 s (cap), +8 s, ...
    expect(retryTimes.slice(0, 6)).toEqual([0, 1, 3, 7, 15, 23]);
    expect(outbox.status().lastError).toContain('ECONNREFUSED');
    expect(office.stored.size).toBe(0);
    office.setUp(true);
    clock.advance(8000);
    await outbox.sendDue();
    expect(office.stored.has('p-1')).toBe(true);
    expect(outbox.status()).toMatchObject({ pending: 0, lastError: null });
  });

  it('keeps unsent items across a restart (closed and reopened file)', async () => {
    const { db, file } = freshDb();
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    const first = new Outbox(db, { name: 'test', send: receiver().send, clock, logger });
    first.enqueue('payment', 'p-1', { a: 1 });
    first.enqueue('payment', 'p-2', { a: 2 });
    db.close();
    const reopened = openDatabase(file, []);
    dbs.push(reopened);
    const office = receiver();
    const second = new Outbox(reopened, { name: 'test', send: office.send, clock, logger });
    await second.flush();
    expect([...office.stored.keys()].sort()).toEqual(['p-1', 'p-2']);
  });

  it('keeps outboxes apart by name', async () => {
    const { db } = freshDb();
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    const payments = receiver();
    const feedback = receiver();
    const a = new Outbox(db, { name: 'payments', send: payments.send, clock, logger });
    const b = new Outbox(db, { name: 'feedback', send: feedback.send, clock, logger });
    a.enqueue('payment', 'same-id', { from: 'payments' });
    b.enqueue('response', 'same-id', { from: 'feedback' });
    await a.flush();
    await b.flush();
    expect(payments.stored.get('same-id')?.payload).toEqual({ from: 'payments' });
    expect(feedback.stored.get('same-id')?.payload).toEqual({ from: 'feedback' });
  });

  it('does not let one rejected item hold back the others', async () => {
    const { db } = freshDb();
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    const stored: string[] = [];
    const outbox = new Outbox(db, {
      name: 'test',
      clock,
      logger,
      random: () => 0.5,
      send: async (item) => {
        if (item.id === 'bad') throw new Error('receiver answered 400');
        stored.push(item.id);
      },
    });
    outbox.enqueue('x', 'bad', {});
    clock.advance(1);
    outbox.enqueue('x', 'good', {});
    await outbox.sendDue();
    clock.advance(1500);
    await outbox.sendDue();
    expect(stored).toEqual(['good']);
    expect(outbox.status().pending).toBe(1);
  });

  it('sends in the background once started', async () => {
    const { db } = freshDb();
    const office = receiver();
    const outbox = new Outbox(db, {
      name: 'test',
      send: office.send,
      clock: new ManualClock(new Date('2026-11-28T09:00:00Z')),
      logger,
      pollIntervalMs: 20,
    });
    outbox.start();
    outbox.enqueue('payment', 'p-1', {});
    await expect.poll(() => office.stored.size, { timeout: 2000 }).toBe(1);
    await outbox.stop();
  });
});
