/**
 * The hub's list of machines, their waiting enrolment codes and their credentials (hashes only).
 * Used by the machines module's routes and by `npm run fleet` on the hub (same SQLite file).
 */
import { MachinesConfig } from '../../contract/config.js';
import type { MachineIdentity, MachineRole, MachineSummary } from '../../contract/machines.js';
import type { Clock } from '../clock.js';
import type { Db, Statement } from '../store/database.js';
import type { MachineContact } from './contact.js';
import { enrolmentCodeMatches, hashCredential, hashEnrolmentCode, newCredential, newEnrolmentCode } from './secrets.js';

interface MachineRow {
  machine_id: string;
  role: MachineRole;
  enrolled_at: string | null;
  last_seen_at: string | null;
  revoked_at: string | null;
  code_expires_at: string | null;
  clock_offset_ms: number | null;
  config_version: string | null;
}

interface CodeRow {
  code_hash: string;
  expires_at: string;
  role: MachineRole;
}

/** The machine a credential belongs to, revoked or not: the caller decides what a revocation means. */
export interface CredentialOwner extends MachineIdentity {
  revokedAt: string | null;
  lastSeenAt: string | null;
  /** What the last recorded contact said (null: never said). */
  clockOffsetMs: number | null;
  configVersion: string | null;
}

interface OwnerRow {
  machine_id: string;
  role: MachineRole;
  revoked_at: string | null;
  last_seen_at: string | null;
  clock_offset_ms: number | null;
  config_version: string | null;
}

export type EnrolmentOutcome =
  | { ok: true; machine: MachineIdentity; credential: string }
  | { ok: false; reason: 'no-code' | 'expired' | 'wrong-code' }
  | { ok: false; reason: 'not-accepted'; problem: string };

export type NewCode = { ok: true; code: string; expiresAt: string } | { ok: false; enrolledAs: MachineRole };

/**
 * Contact is written at most this often per machine (a write per request would cost a disk sync
 * each), unless it brings news: another config version, or a clock offset that moved by more than
 * the jitter of a request's round trip.
 */
const lastSeenResolutionMs = 60_000;
const clockOffsetResolutionMs = 1_000;

const defaultClockOffsetWarnSeconds = MachinesConfig.parse({}).clockOffsetWarnSeconds;

function contactIsNews(machine: CredentialOwner, contact: MachineContact, now: Date): boolean {
  if (machine.lastSeenAt === null || now.getTime() - Date.parse(machine.lastSeenAt) >= lastSeenResolutionMs)
    return true;
  if (contact.configVersion !== null && contact.configVersion !== machine.configVersion) return true;
  return (
    contact.clockOffsetMs !== null &&
    (machine.clockOffsetMs === null ||
      Math.abs(contact.clockOffsetMs - machine.clockOffsetMs) >= clockOffsetResolutionMs)
  );
}

export class MachineRegistry {
  private readonly machineById: Statement<[string], MachineRow>;
  private readonly allMachines: Statement<[], MachineRow>;
  private readonly upsertPending: Statement<[string, string, string]>;
  private readonly upsertCode: Statement<[string, string, string, string]>;
  private readonly codeFor: Statement<[string], CodeRow>;
  private readonly useCode: Statement<[string, string]>;
  private readonly storeCredential: Statement<[string, string, string]>;
  private readonly byCredential: Statement<[string], OwnerRow>;
  private readonly markSeen: Statement<[string, number | null, string | null, string]>;
  private readonly markRevoked: Statement<[string, string]>;
  private readonly dropCode: Statement<[string]>;

  private readonly clockOffsetWarnMs: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    settings: Partial<MachinesConfig> = {},
  ) {
    this.clockOffsetWarnMs = (settings.clockOffsetWarnSeconds ?? defaultClockOffsetWarnSeconds) * 1000;
    const selectSummary = `SELECT m.machine_id, m.role, m.enrolled_at, m.last_seen_at, m.revoked_at, c.expires_at AS code_expires_at,
         m.clock_offset_ms, m.config_version
       FROM machines m LEFT JOIN machine_enrolment_codes c ON c.machine_id = m.machine_id`;
    this.machineById = db.prepare(`${selectSummary} WHERE m.machine_id = ?`);
    this.allMachines = db.prepare(`${selectSummary} ORDER BY m.role, m.machine_id`);
    this.upsertPending = db.prepare(
      `INSERT INTO machines (machine_id, role, created_at) VALUES (?, ?, ?)
       ON CONFLICT (machine_id) DO UPDATE SET role = excluded.role`,
    );
    this.upsertCode = db.prepare(
      `INSERT INTO machine_enrolment_codes (machine_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (machine_id) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at, expires_at = excluded.expires_at`,
    );
    this.codeFor = db.prepare(
      `SELECT c.code_hash, c.expires_at, m.role FROM machine_enrolment_codes c JOIN machines m ON m.machine_id = c.machine_id
       WHERE c.machine_id = ?`,
    );
    this.useCode = db.prepare('DELETE FROM machine_enrolment_codes WHERE machine_id = ? AND code_hash = ?');
    this.storeCredential = db.prepare(
      `UPDATE machines SET credential_hash = ?, enrolled_at = ?, revoked_at = NULL, last_seen_at = NULL,
         clock_offset_ms = NULL, config_version = NULL WHERE machine_id = ?`,
    );
    this.byCredential = db.prepare(
      'SELECT machine_id, role, revoked_at, last_seen_at, clock_offset_ms, config_version FROM machines WHERE credential_hash = ?',
    );
    // A contact that did not say its time or version keeps what the machine said last.
    this.markSeen = db.prepare(
      `UPDATE machines SET last_seen_at = ?, clock_offset_ms = COALESCE(?, clock_offset_ms),
         config_version = COALESCE(?, config_version) WHERE machine_id = ?`,
    );
    this.markRevoked = db.prepare('UPDATE machines SET revoked_at = ? WHERE machine_id = ? AND revoked_at IS NULL');
    this.dropCode = db.prepare('DELETE FROM machine_enrolment_codes WHERE machine_id = ?');
  }

  /**
   * A one-time code for the machine, replacing any code still waiting for it. A machine that has
   * joined and is not revoked keeps its role: answered `enrolledAs` when asked for another one.
   */
  async newCode(machineId: string, role: MachineRole, validMinutes: number): Promise<NewCode> {
    const existing = this.machineById.get(machineId);
    if (existing && existing.enrolled_at !== null && existing.revoked_at === null && existing.role !== role)
      return { ok: false, enrolledAs: existing.role };
    const code = newEnrolmentCode();
    const codeHash = await hashEnrolmentCode(code);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + validMinutes * 60_000).toISOString();
    this.db.transaction(() => {
      this.upsertPending.run(machineId, role, now.toISOString());
      this.upsertCode.run(machineId, codeHash, now.toISOString(), expiresAt);
    })();
    return { ok: true, code, expiresAt };
  }

  /**
   * Exchanges a code for a new credential, once; on any refusal nothing changes. `problemWith` is
   * asked after the code matched (the site config may have changed since the code was made).
   */
  async enrol(
    machineId: string,
    typedCode: string,
    problemWith: (role: MachineRole) => string | null,
  ): Promise<EnrolmentOutcome> {
    const waiting = this.codeFor.get(machineId);
    if (!waiting) return { ok: false, reason: 'no-code' };
    if (waiting.expires_at <= this.clock.now().toISOString()) return { ok: false, reason: 'expired' };
    if (!(await enrolmentCodeMatches(waiting.code_hash, typedCode))) return { ok: false, reason: 'wrong-code' };
    const problem = problemWith(waiting.role);
    if (problem !== null) return { ok: false, reason: 'not-accepted', problem };
    const credential = newCredential();
    const used = this.db.transaction(() => {
      // The code must still be the one verified: a second request with it, or a newer code, loses.
      if (this.useCode.run(machineId, waiting.code_hash).changes !== 1) return false;
      this.storeCredential.run(hashCredential(credential), this.clock.now().toISOString(), machineId);
      return true;
    })();
    if (!used) return { ok: false, reason: 'no-code' };
    return { ok: true, machine: { machineId, role: waiting.role }, credential };
  }

  /** The machine holding this credential (revoked ones too), read fresh each time: no cache. */
  owner(credential: string): CredentialOwner | null {
    const row = this.byCredential.get(hashCredential(credential));
    if (!row) return null;
    return {
      machineId: row.machine_id,
      role: row.role,
      revokedAt: row.revoked_at,
      lastSeenAt: row.last_seen_at,
      clockOffsetMs: row.clock_offset_ms,
      configVersion: row.config_version,
    };
  }

  /** Records a contact the machine made at `now` (the hub's clock, the one the offset was measured on). */
  seen(machine: CredentialOwner, contact: MachineContact, now: Date): void {
    if (!contactIsNews(machine, contact, now)) return;
    this.markSeen.run(now.toISOString(), contact.clockOffsetMs, contact.configVersion, machine.machineId);
  }

  /** Revokes the machine and cancels any code waiting for it; null when there is no such machine. */
  revoke(machineId: string): MachineSummary | null {
    if (!this.machineById.get(machineId)) return null;
    this.db.transaction(() => {
      this.markRevoked.run(this.clock.now().toISOString(), machineId);
      this.dropCode.run(machineId);
    })();
    const row = this.machineById.get(machineId);
    return row ? this.summary(row) : null;
  }

  list(): MachineSummary[] {
    return this.allMachines.all().map((row) => this.summary(row));
  }

  private summary(row: MachineRow): MachineSummary {
    return {
      machineId: row.machine_id,
      role: row.role,
      enrolledAt: row.enrolled_at,
      lastSeenAt: row.last_seen_at,
      revokedAt: row.revoked_at,
      codeExpiresAt: row.code_expires_at,
      clockOffsetMs: row.clock_offset_ms,
      configVersion: row.config_version,
      clockOffsetOverBound: row.clock_offset_ms !== null && Math.abs(row.clock_offset_ms) > this.clockOffsetWarnMs,
    };
  }
}
