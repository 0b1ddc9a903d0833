/**
 * The one SQLite file that holds everything the office must not lose.
 *
 * WAL + synchronous=FULL: a transaction that returned is on disk, so a SIGKILL or power cut after an
 * acknowledgement loses nothing (WAL with NORMAL could lose the last commits on power loss).
 * Each module owns its tables and registers its migrations here by name; a migration runs once,
 * inside a transaction, and is recorded in `schema_migrations`.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;
/** A prepared statement: stores prepare theirs once, in their constructor. */
export type Statement<Params extends unknown[] = unknown[], Row = unknown> = Database.Statement<Params, Row>;

export interface Migration {
  /** Unique, stable, ordered within its module, e.g. "queue-001-tickets". */
  id: string;
  sql: string;
}

export function openDatabase(file: string, migrations: readonly Migration[]): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[]);
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, new Date().toISOString());
    })();
  }
}
