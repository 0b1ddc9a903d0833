import type { Migration } from '../store/database.js';

export const authMigrations: readonly Migration[] = [
  {
    id: 'auth-001-staff',
    sql: `
      CREATE TABLE staff (
        username TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE staff_sessions (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL REFERENCES staff (username),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX staff_sessions_expiry ON staff_sessions (expires_at);
    `,
  },
  {
    // Token hashes were hex before; those sessions can no longer match, so staff sign in again.
    id: 'auth-002-sessions-hashed-base64url',
    sql: 'DELETE FROM staff_sessions;',
  },
];
