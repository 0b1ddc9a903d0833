/** Staff accounts and sign-in sessions. Tokens are 32 random bytes; only their SHA-256 is stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db, Statement } from '../store/database.js';
import { decoyHash, hashPassword, passwordMatches } from './passwords.js';

export interface StaffIdentity {
  username: string;
  displayName: string;
}

export const sessionHours = 12;

/**
 * What is stored of a session token: its SHA-256 digest as base64url. Not hex: about one hex digest
 * in 200 holds a Luhn-valid run of 13–19 digits, which the card-number scan of the database rightly
 * flags; a run of 13 digits in base64url's 43 characters is a one-in-a-billion event.
 */
export const storedTokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

interface StaffRow {
  username: string;
  display_name: string;
  password_hash: string;
  disabled: number;
}

export class StaffAccounts {
  private readonly upsertAccount: Statement<[string, string, string, string]>;
  private readonly byUsername: Statement<[string], StaffRow>;
  private readonly deleteExpired: Statement<[string]>;
  private readonly insertSession: Statement<[string, string, string, string]>;
  private readonly sessionIdentity: Statement<[string, string], { username: string; display_name: string }>;
  private readonly revokeSession: Statement<[string, string]>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.upsertAccount = db.prepare(
      `INSERT INTO staff (username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, password_hash = excluded.password_hash, disabled = 0`,
    );
    this.byUsername = db.prepare('SELECT * FROM staff WHERE username = ?');
    this.deleteExpired = db.prepare('DELETE FROM staff_sessions WHERE expires_at < ?');
    this.insertSession = db.prepare(
      'INSERT INTO staff_sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.sessionIdentity = db.prepare(
      `SELECT s.username, s.display_name FROM staff_sessions t JOIN staff s ON s.username = t.username
       WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND s.disabled = 0`,
    );
    this.revokeSession = db.prepare('UPDATE staff_sessions SET revoked_at = ? WHERE token_hash = ?');
  }

  /** Creates the account, or sets its password and name if it exists. */
  async upsert(username: string, password: string, displayName = username): Promise<void> {
    const passwordHash = await hashPassword(password);
    this.upsertAccount.run(username, displayName, passwordHash, this.clock.now().toISOString());
  }

  /** A new session token, or null when the username or password is wrong. */
  async signIn(
    username: string,
    password: string,
  ): Promise<{ token: string; identity: StaffIdentity; expiresAt: string } | null> {
    const row = this.byUsername.get(username);
    const matches = await passwordMatches(row?.password_hash ?? (await decoyHash()), password);
    if (!row || row.disabled === 1 || !matches) return null;
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + sessionHours * 3600_000).toISOString();
    this.db.transaction(() => {
      this.deleteExpired.run(now.toISOString());
      this.insertSession.run(storedTokenHash(token), row.username, now.toISOString(), expiresAt);
    })();
    return { token, identity: { username: row.username, displayName: row.display_name }, expiresAt };
  }

  /** The staff member a token belongs to, while it is valid. */
  identify(token: string): StaffIdentity | null {
    const row = this.sessionIdentity.get(storedTokenHash(token), this.clock.now().toISOString());
    return row ? { username: row.username, displayName: row.display_name } : null;
  }

  signOut(token: string): void {
    this.revokeSession.run(this.clock.now().toISOString(), storedTokenHash(token));
  }
}
