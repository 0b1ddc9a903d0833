/**
 * The facilities exit PIN. Stored only as a scrypt hash in the shell config
 * ("scrypt$<N>$<salt b64>$<hash b64>", made by `npx tsx electron/tools/hash-pin.ts`); compared in
 * constant time; five wrong tries lock it for five minutes, so a member of the public cannot walk
 * through the 10 000 four-digit PINs.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { AdminExitResult, AdminUnlockResult } from '../../contract/ipc.js';

const keyLength = 32;
export const pinHashPattern = /^scrypt\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export function hashPin(pin: string, cost = 16_384): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, keyLength, { N: cost });
  return `scrypt$${cost}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPin(pin: string, encoded: string): boolean {
  const match = pinHashPattern.exec(encoded);
  if (!match) return false;
  const [, cost, salt, hash] = match;
  const expected = Buffer.from(hash!, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt!, 'base64'), expected.length, { N: Number(cost) });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface LockoutPolicy {
  maxAttempts: number;
  lockoutMs: number;
  /** How long the facilities panel stays usable after a right PIN. */
  panelMs: number;
}
export const defaultLockoutPolicy: LockoutPolicy = { maxAttempts: 5, lockoutMs: 5 * 60_000, panelMs: 2 * 60_000 };

type PinCheck =
  | { outcome: 'right' }
  | { outcome: 'wrong-pin'; attemptsLeft: number }
  | { outcome: 'locked'; retryAfterSeconds: number }
  | { outcome: 'disabled' };

/**
 * The exit and the facilities PIN pad share one PIN and one count of wrong tries, so switching
 * between them gains nobody extra guesses.
 */
export class AdminExitGate {
  private failures = 0;
  private lockedUntil = 0;
  private panelOpenUntil = 0;

  constructor(
    private readonly pinHash: string | undefined,
    private readonly now: () => number = Date.now,
    private readonly policy: LockoutPolicy = defaultLockoutPolicy,
  ) {}

  /** Decides; the caller quits the shell on 'exiting'. */
  attempt(pin: string): AdminExitResult {
    const check = this.check(pin);
    return check.outcome === 'right' ? { outcome: 'exiting' } : check;
  }

  /** A right PIN opens the facilities panel for `policy.panelMs`. */
  unlock(pin: string): AdminUnlockResult {
    const check = this.check(pin);
    if (check.outcome !== 'right') return check;
    this.panelOpenUntil = this.now() + this.policy.panelMs;
    return { outcome: 'unlocked', forSeconds: Math.ceil(this.policy.panelMs / 1000) };
  }

  /** Whether the panel may act now; each action it takes gives it another full `policy.panelMs`. */
  useUnlocked(): boolean {
    const now = this.now();
    if (now >= this.panelOpenUntil) return false;
    this.panelOpenUntil = now + this.policy.panelMs;
    return true;
  }

  lockPanel(): void {
    this.panelOpenUntil = 0;
  }

  private check(pin: string): PinCheck {
    if (!this.pinHash) return { outcome: 'disabled' };
    const now = this.now();
    if (now < this.lockedUntil)
      return { outcome: 'locked', retryAfterSeconds: Math.ceil((this.lockedUntil - now) / 1000) };
    if (verifyPin(pin, this.pinHash)) {
      this.failures = 0;
      return { outcome: 'right' };
    }
    this.failures += 1;
    if (this.failures >= this.policy.maxAttempts) {
      this.failures = 0;
      this.lockedUntil = now + this.policy.lockoutMs;
      this.panelOpenUntil = 0;
      return { outcome: 'locked', retryAfterSeconds: Math.ceil(this.policy.lockoutMs / 1000) };
    }
    return { outcome: 'wrong-pin', attemptsLeft: this.policy.maxAttempts - this.failures };
  }
}
