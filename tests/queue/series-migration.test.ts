/**
 * The migration that gives tickets a series rebuilds the table: every ticket, its history and the
 * day's numbering must come through, and the new uniqueness rules must hold afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.js';
import { EventHub } from '../../server/events.js';
import { queueMigrations } from '../../server/queue/migrations.js';
import { Queue } from '../../server/queue/queue.js';
import { openDatabase } from '../../server/store/database.js';
import { twoKioskSite } from './offline-hub.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const beforeSeries = queueMigrations.filter((m) => m.id === 'queue-001-tickets');

function databaseWithOldTickets(): string {
  const dir = mkdtempSync(join(tmpdir(), 'series-migration-'));
  dirs.push(dir);
  const file = join(dir, 'reception.sqlite');
  const db = openDatabase(file, beforeSeries);
  db.exec(`
    INSERT INTO ticket_counters (service, day, last_number) VALUES ('housing', '2026-07-14', 2);
    INSERT INTO tickets (id, day, issued_service, serial, number, service, priority, state, issued_at,
                         called_at, last_called_at, completed_at, desk, kiosk, recalls)
    VALUES
      ('t-1', '2026-07-14', 'housing', 1, 'H001', 'housing', 0, 'completed', '2026-07-14T08:00:00.000Z',
       '2026-07-14T08:05:00.000Z', '2026-07-14T08:06:00.000Z', '2026-07-14T08:15:00.000Z', 'desk-1', 'kiosk-1', 1),
      ('t-2', '2026-07-14', 'housing', 2, 'H002', 'housing', 1, 'waiting', '2026-07-14T08:10:00.000Z',
       NULL, NULL, NULL, NULL, NULL, 0);
    INSERT INTO ticket_events (ticket_id, type, at, desk, service, actor, detail) VALUES
      ('t-1', 'issued', '2026-07-14T08:00:00.000Z', NULL, 'housing', 'kiosk-1', '{"priority":false}'),
      ('t-1', 'called', '2026-07-14T08:05:00.000Z', 'desk-1', 'housing', 'officer', NULL),
      ('t-2', 'issued', '2026-07-14T08:10:00.000Z', NULL, 'housing', NULL, '{"priority":true}');
  `);
  db.close();
  return file;
}

describe('tickets gain a series', () => {
  it('keeps every ticket, its history and the numbering of the day', () => {
    const file = databaseWithOldTickets();
    const db = openDatabase(file, queueMigrations);
    const tickets = db.prepare('SELECT * FROM tickets ORDER BY seq').all();
    expect(tickets).toEqual([
      {
        seq: 1,
        id: 't-1',
        day: '2026-07-14',
        issued_service: 'housing',
        series: '',
        serial: 1,
        number: 'H001',
        service: 'housing',
        priority: 0,
        state: 'completed',
        issued_at: '2026-07-14T08:00:00.000Z',
        issued_at_kiosk: null,
        called_at: '2026-07-14T08:05:00.000Z',
        last_called_at: '2026-07-14T08:06:00.000Z',
        completed_at: '2026-07-14T08:15:00.000Z',
        desk: 'desk-1',
        kiosk: 'kiosk-1',
        recalls: 1,
      },
      expect.objectContaining({ seq: 2, id: 't-2', series: '', number: 'H002', state: 'waiting', priority: 1 }),
    ]);
    expect(db.prepare('SELECT ticket_id, type FROM ticket_events ORDER BY seq').all()).toEqual([
      { ticket_id: 't-1', type: 'issued' },
      { ticket_id: 't-1', type: 'called' },
      { ticket_id: 't-2', type: 'issued' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets' AND sql IS NOT NULL ORDER BY name`,
        )
        .pluck()
        .all(),
    ).toEqual(['tickets_completions', 'tickets_issued_at', 'tickets_state']);

    // The hub goes on numbering where it was, and the waiting ticket is still the next one called.
    const clock = new ManualClock(new Date('2026-07-14T09:00:00.000Z'));
    const queue = new Queue({ db, clock, config: twoKioskSite(), events: new EventHub() });
    expect(queue.issue({ service: 'housing', priority: false }).number).toBe('H003');
    expect(queue.callNext('desk-1', null)?.id).toBe('t-2');
    db.close();
  });

  it('allows the same serial in another series, never the same number twice in a day, and still checks history', () => {
    const db = openDatabase(databaseWithOldTickets(), queueMigrations);
    const insert = db.prepare<[string, string, number, string]>(
      `INSERT INTO tickets (id, day, issued_service, series, serial, number, service, priority, state, issued_at)
       VALUES (?, '2026-07-14', 'housing', ?, ?, ?, 'housing', 0, 'waiting', '2026-07-14T08:30:00.000Z')`,
    );
    insert.run('offline-1', 'A', 1, 'H-A01');
    expect(() => insert.run('offline-2', 'A', 1, 'H-A01')).toThrow(/UNIQUE/);
    expect(() => insert.run('offline-3', 'B', 1, 'H-A01')).toThrow(/UNIQUE/);
    expect(() => insert.run('offline-4', '', 2, 'H-X99')).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare(`INSERT INTO ticket_events (ticket_id, type, at) VALUES ('no-such-ticket', 'issued', 'x')`).run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('changes nothing when the old tickets break a new rule (one number given twice in a day)', () => {
    const file = databaseWithOldTickets();
    const old = openDatabase(file, beforeSeries);
    // Possible before: two services that shared a prefix on one day.
    old
      .prepare(
        `INSERT INTO tickets (id, day, issued_service, serial, number, service, priority, state, issued_at)
         VALUES ('t-3', '2026-07-14', 'homelessness', 1, 'H001', 'homelessness', 0, 'waiting', '2026-07-14T08:20:00.000Z')`,
      )
      .run();
    old.close();
    expect(() => openDatabase(file, queueMigrations)).toThrow(/UNIQUE constraint failed: tickets.day, tickets.number/);
    const db = openDatabase(file, beforeSeries);
    expect(db.prepare(`SELECT id FROM schema_migrations WHERE id LIKE 'queue-%'`).pluck().all()).toEqual([
      'queue-001-tickets',
    ]);
    expect(db.prepare('SELECT id FROM tickets ORDER BY seq').pluck().all()).toEqual(['t-1', 't-2', 't-3']);
    expect(db.prepare('SELECT COUNT(*) FROM ticket_events').pluck().get()).toBe(3);
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'tickets'`).pluck().get()).not.toContain('series');
    db.close();
  });
});
