/** Staff accounts and sign-in sessions. Tokens are 32 random bytes; only their SHA-256 is stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Db } from '../store/database.js';
import { decoyHash, hashPassword, passwordMatches } from './passwords.js';

export interface StaffIdentity {
  username: string;
  displayName: string;
}

export const sessionHours = 12;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class StaffAccounts {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Creates the account, or sets its password and name if it exists. */
  async upsert(username: string, password: string, displayName = username): Promise<void> {
    const passwordHash = await hashPassword(password);
    this.db
      .prepare(
        `INSERT INTO staff (username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, password_hash = excluded.password_hash, disabled = 0`,
      )
      .run(username, displayName, passwordHash, this.clock.now().toISOString());
  }

  /** A new session token, or null when the username or password is wrong. */
  async signIn(
    username: string,
    password: string,
  ): Promise<{ token: string; identity: StaffIdentity; expiresAt: string } | null> {
    const row = this.db
      .prepare<[string], { username: string; display_name: string; password_hash: string; disabled: number }>(
        'SELECT * FROM staff WHERE username = ?',
      )
      .get(username);
    const matches = await passwordMatches(row?.password_hash ?? (await decoyHash()), password);
    if (!row || row.disabled === 1 || !matches) return null;
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + sessionHours * 3600_000).toISOString();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM staff_sessions WHERE expires_at < ?').run(now.toISOString());
      this.db
        .prepare('INSERT INTO staff_sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(hashToken(token), row.username, now.toISOString(), expiresAt);
    })();
    return { token, identity: { username: row.username, displayName: row.display_name }, expiresAt };
  }

  /** The staff member a token belongs to, while it is valid. */
  identify(token: string): StaffIdentity | null {
    const row = this.db
      .prepare<[string, string], { username: string; display_name: string }>(
        `SELECT s.username, s.display_name FROM staff_sessions t JOIN staff s ON s.username = t.username
         WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND s.disabled = 0`,
      )
      .get(hashToken(token), this.clock.now().toISOString());
    return row ? { username: row.username, displayName: row.display_name } : null;
  }

  signOut(token: string): void {
    this.db
      .prepare('UPDATE staff_sessions SET revoked_at = ? WHERE token_hash = ?')
      .run(this.clock.now().toISOString(), hashToken(token));
  }
}
