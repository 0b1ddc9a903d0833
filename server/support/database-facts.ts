/**
 * What a support bundle tells of the SQLite file, and nothing it holds about residents or secrets:
 * the migrations applied, how many rows each table has, each outbox's depth, and the machines of the
 * office as `fleet list` shows them (no credential or code hashes). Reads only: the support-bundle
 * command opens the file read-only, so it can run beside a hub that is up or one that will not start.
 */
import Database from 'better-sqlite3';
import type { MachineSummary } from '../../contract/machines.js';
import type { Clock } from '../clock.js';
import { MachineRegistry } from '../machines/registry.js';
import type { Db } from '../store/database.js';

export interface OutboxFacts {
  name: string;
  pending: number;
  refused: number;
  sent: number;
  oldestPendingAt: string | null;
  lastError: string | null;
}

export interface DatabaseFacts {
  migrations: { id: string; appliedAt: string }[];
  tables: { name: string; rows: number }[];
  outboxes: OutboxFacts[];
  machines: MachineSummary[];
}

/** Opens the file for reading only; throws when it does not exist (rather than making an empty one). */
export function openDatabaseReadOnly(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true });
}

export function databaseFacts(db: Db, clock: Clock): DatabaseFacts {
  const tableNames = db
    .prepare<[], string>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all();
  const has = (table: string) => tableNames.includes(table);
  const migrations = has('schema_migrations')
    ? db
        .prepare<[], { id: string; appliedAt: string }>(
          'SELECT id, applied_at AS appliedAt FROM schema_migrations ORDER BY applied_at, id',
        )
        .all()
    : [];
  // Names come from sqlite_master, so quoting them is enough.
  const tables = tableNames.map((name) => ({
    name,
    rows:
      db
        .prepare<[], number>(`SELECT COUNT(*) FROM "${name.replace(/"/g, '""')}"`)
        .pluck()
        .get() ?? 0,
  }));
  const outboxes = has('outbox_items')
    ? db
        .prepare<[], OutboxFacts>(
          `SELECT outbox AS name,
             SUM(CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END) AS pending,
             SUM(CASE WHEN sent_at IS NULL AND refused_at IS NOT NULL THEN 1 ELSE 0 END) AS refused,
             SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END) AS sent,
             MIN(CASE WHEN sent_at IS NULL THEN created_at END) AS oldestPendingAt,
             (SELECT last_error FROM outbox_items latest WHERE latest.outbox = items.outbox AND latest.sent_at IS NULL
                AND latest.last_error IS NOT NULL ORDER BY latest.created_at DESC LIMIT 1) AS lastError
           FROM outbox_items items GROUP BY outbox ORDER BY outbox`,
        )
        .all()
    : [];
  const machines = has('machines') && has('machine_enrolment_codes') ? new MachineRegistry(db, clock).list() : [];
  return { migrations, tables, outboxes, machines };
}
