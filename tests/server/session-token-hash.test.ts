/**
 * What the database keeps of a staff session token must never look like a card number, or the PCI
 * scan of the stored files (tests/payments/pci-scan.test.ts) fails by chance.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authMigrations } from '../../server/auth/migrations.js';
import { StaffAccounts, storedTokenHash } from '../../server/auth/staff.js';
import { ManualClock } from '../../server/clock.js';
import { findPanCandidates } from '../../server/payments/pci.js';
import { openDatabase } from '../../server/store/database.js';

const longDigitRun = /[0-9]{13,}/;
const hexDigest = (token: string) => createHash('sha256').update(token).digest('hex');
/** The same tokens on every run: `token-0`, `token-1`, … */
const tokens = (count: number) => Array.from({ length: count }, (_, i) => `token-${i}`);

describe('the stored form of a session token', () => {
  it('has no card-number-like digits even for a token whose hex digest has them', () => {
    const cardLike = tokens(20_000).find((token) => findPanCandidates(hexDigest(token)).length > 0);
    expect(cardLike, 'some token in the first 20,000 has a Luhn-valid digit run in its hex digest').toBeDefined();
    const stored = storedTokenHash(cardLike ?? '');
    expect(stored).not.toMatch(longDigitRun);
    expect(findPanCandidates(stored)).toEqual([]);
  });

  it('has no run of 13 or more digits for any of 20,000 tokens', () => {
    const withRun = tokens(20_000).filter((token) => longDigitRun.test(storedTokenHash(token)));
    expect(withRun).toEqual([]);
  });

  it('still signs staff in and out, with only that form in the sessions table', async () => {
    const db = openDatabase(':memory:', authMigrations);
    const accounts = new StaffAccounts(db, new ManualClock(new Date('2026-07-14T09:00:00Z')));
    await accounts.upsert('officer', 'officer-password', 'Report Officer');
    const session = await accounts.signIn('officer', 'officer-password');
    expect(session).not.toBeNull();
    const token = session?.token ?? '';
    expect(accounts.identify(token)).toEqual({ username: 'officer', displayName: 'Report Officer' });
    expect(db.prepare('SELECT token_hash FROM staff_sessions').pluck().all()).toEqual([storedTokenHash(token)]);
    accounts.signOut(token);
    expect(accounts.identify(token)).toBeNull();
  });
});
