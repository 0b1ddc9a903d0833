import type { Migration } from '../store/database.js';

export const machinesMigrations: readonly Migration[] = [
  {
    id: 'machines-001-machines',
    sql: `
      CREATE TABLE machines (
        machine_id TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('kiosk', 'desk', 'display')),
        created_at TEXT NOT NULL,
        credential_hash TEXT UNIQUE,
        enrolled_at TEXT,
        last_seen_at TEXT,
        revoked_at TEXT
      );
      CREATE TABLE machine_enrolment_codes (
        machine_id TEXT PRIMARY KEY REFERENCES machines (machine_id),
        code_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
    `,
  },
  {
    id: 'machines-002-contact',
    sql: `
      ALTER TABLE machines ADD COLUMN clock_offset_ms INTEGER;
      ALTER TABLE machines ADD COLUMN config_version TEXT;
    `,
  },
];
