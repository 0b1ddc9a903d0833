/**
 * Queue tables. Every time is ISO 8601 UTC text (sorts as it reads); `day` is the site's local
 * date (YYYY-MM-DD in the site's time zone) the ticket was issued on, which is what numbering uses.
 * `series` is '' for a hub-issued ticket and the kiosk's letter for one issued offline
 * (docs/queue.md "Offline tickets"); `issued_at_kiosk` is that kiosk's own clock reading.
 */
import type { Migration } from '../store/database.js';

export const queueMigrations: readonly Migration[] = [
  {
    id: 'queue-001-tickets',
    sql: `
      CREATE TABLE ticket_counters (
        service TEXT NOT NULL,
        day TEXT NOT NULL,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (service, day)
      );
      CREATE TABLE tickets (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL,
        issued_service TEXT NOT NULL,
        serial INTEGER NOT NULL,
        number TEXT NOT NULL,
        service TEXT NOT NULL,
        priority INTEGER NOT NULL CHECK (priority IN (0, 1)),
        state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'serving', 'completed', 'no-show', 'closed')),
        issued_at TEXT NOT NULL,
        called_at TEXT,
        last_called_at TEXT,
        completed_at TEXT,
        desk TEXT,
        kiosk TEXT,
        recalls INTEGER NOT NULL DEFAULT 0,
        UNIQUE (issued_service, day, serial)
      );
      CREATE INDEX tickets_state ON tickets (state, service);
      CREATE INDEX tickets_issued_at ON tickets (issued_at);
      CREATE TABLE ticket_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id TEXT NOT NULL REFERENCES tickets (id),
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        desk TEXT,
        service TEXT,
        actor TEXT,
        detail TEXT
      );
      CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);
      CREATE INDEX ticket_events_at ON ticket_events (at);
      CREATE TABLE desk_activity (
        desk TEXT PRIMARY KEY,
        opened_by TEXT,
        last_active_at TEXT NOT NULL,
        closed_at TEXT
      );
    `,
  },
  {
    // SQLite cannot drop a table constraint, so tickets is rebuilt. Migrations run in a transaction
    // with foreign keys on, where PRAGMA foreign_keys is ignored: deferring the checks to the commit
    // lets tickets be dropped and refilled under ticket_events, and the commit fails (changing
    // nothing) if any event were left without its ticket.
    id: 'queue-002-ticket-series',
    sql: `
      PRAGMA defer_foreign_keys = ON;
      CREATE TEMP TABLE tickets_before_series AS SELECT * FROM tickets;
      DROP TABLE tickets;
      CREATE TABLE tickets (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL,
        issued_service TEXT NOT NULL,
        series TEXT NOT NULL DEFAULT '',
        serial INTEGER NOT NULL,
        number TEXT NOT NULL,
        service TEXT NOT NULL,
        priority INTEGER NOT NULL CHECK (priority IN (0, 1)),
        state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'serving', 'completed', 'no-show', 'closed')),
        issued_at TEXT NOT NULL,
        issued_at_kiosk TEXT,
        called_at TEXT,
        last_called_at TEXT,
        completed_at TEXT,
        desk TEXT,
        kiosk TEXT,
        recalls INTEGER NOT NULL DEFAULT 0,
        UNIQUE (issued_service, day, series, serial),
        UNIQUE (day, number)
      );
      INSERT INTO tickets (seq, id, day, issued_service, serial, number, service, priority, state, issued_at,
                           called_at, last_called_at, completed_at, desk, kiosk, recalls)
        SELECT seq, id, day, issued_service, serial, number, service, priority, state, issued_at,
               called_at, last_called_at, completed_at, desk, kiosk, recalls
        FROM tickets_before_series ORDER BY seq;
      DROP TABLE tickets_before_series;
      CREATE INDEX tickets_state ON tickets (state, service);
      CREATE INDEX tickets_issued_at ON tickets (issued_at);
    `,
  },
  {
    // The estimate reads each service's latest completions on every queue read: an index that holds
    // just those, newest last, so the read stops after the samples it needs.
    id: 'queue-003-completions-index',
    sql: `CREATE INDEX tickets_completions ON tickets (service, completed_at) WHERE state = 'completed';`,
  },
];
