import { describe, expect, it } from 'vitest';
import { AdminExitGate, hashPin, verifyPin } from '../../electron/policy/admin-pin.js';
import { insideWindow, localMinuteOfDay, mayInstallUpdate } from '../../electron/policy/update-window.js';

// Cheap scrypt cost for tests; production hashes use 16384.
const hash = hashPin('2468', 1024);

describe('admin exit PIN', () => {
  it('stores only a salted hash and checks it', () => {
    expect(hash).not.toContain('2468');
    expect(hashPin('2468', 1024)).not.toBe(hash);
    expect(verifyPin('2468', hash)).toBe(true);
    expect(verifyPin('2469', hash)).toBe(false);
    expect(verifyPin('2468', 'plain-text-pin')).toBe(false);
  });

  it('locks after five wrong PINs, even against the right one, until the lockout ends', () => {
    let now = 0;
    const gate = new AdminExitGate(hash, () => now);
    expect([1, 2, 3, 4].map(() => gate.attempt('0000'))).toEqual(
      [4, 3, 2, 1].map((attemptsLeft) => ({ outcome: 'wrong-pin', attemptsLeft })),
    );
    expect(gate.attempt('0000')).toEqual({ outcome: 'locked', retryAfterSeconds: 300 });
    now += 60_000;
    expect(gate.attempt('2468')).toEqual({ outcome: 'locked', retryAfterSeconds: 240 });
    now += 240_000;
    expect(gate.attempt('2468')).toEqual({ outcome: 'exiting' });
  });

  it('is disabled when the shell config has no PIN', () => {
    expect(new AdminExitGate(undefined).attempt('2468')).toEqual({ outcome: 'disabled' });
    expect(new AdminExitGate(undefined).unlock('2468')).toEqual({ outcome: 'disabled' });
  });
});

describe('facilities PIN pad', () => {
  it('opens the panel for two minutes on the right PIN; each action renews it, closing ends it', () => {
    let now = 0;
    const gate = new AdminExitGate(hash, () => now);
    expect(gate.useUnlocked()).toBe(false);
    expect(gate.unlock('2468')).toEqual({ outcome: 'unlocked', forSeconds: 120 });
    now += 119_000;
    expect(gate.useUnlocked()).toBe(true);
    now += 119_000;
    expect(gate.useUnlocked()).toBe(true);
    now += 120_000;
    expect(gate.useUnlocked()).toBe(false);
    gate.unlock('2468');
    gate.lockPanel();
    expect(gate.useUnlocked()).toBe(false);
  });

  it('locks after five wrong PINs, refusing the right one for five minutes', () => {
    let now = 0;
    const gate = new AdminExitGate(hash, () => now);
    expect([1, 2, 3, 4].map(() => gate.unlock('1357'))).toEqual(
      [4, 3, 2, 1].map((attemptsLeft) => ({ outcome: 'wrong-pin', attemptsLeft })),
    );
    expect(gate.unlock('1357')).toEqual({ outcome: 'locked', retryAfterSeconds: 300 });
    now += 299_000;
    expect(gate.unlock('2468')).toEqual({ outcome: 'locked', retryAfterSeconds: 1 });
    expect(gate.useUnlocked()).toBe(false);
    now += 1_000;
    expect(gate.unlock('2468')).toEqual({ outcome: 'unlocked', forSeconds: 120 });
  });

  it('shares its count of wrong tries with the exit, so switching gains no guesses', () => {
    const gate = new AdminExitGate(hash, () => 0);
    gate.unlock('0000');
    gate.unlock('0001');
    gate.attempt('0002');
    gate.attempt('0003');
    expect(gate.unlock('0004')).toEqual({ outcome: 'locked', retryAfterSeconds: 300 });
    expect(gate.attempt('2468')).toEqual({ outcome: 'locked', retryAfterSeconds: 300 });
  });

  it('a lockout also closes an open panel', () => {
    const gate = new AdminExitGate(hash, () => 0);
    gate.unlock('2468');
    for (const pin of ['0000', '0001', '0002', '0003', '0004']) gate.unlock(pin);
    expect(gate.useUnlocked()).toBe(false);
  });
});

describe('update maintenance window', () => {
  const window = { from: '02:00', to: '05:00', timeZone: 'Europe/London' };
  it('uses local time, across the clock change', () => {
    // 01:30 UTC in July is 02:30 BST: inside. 01:30 UTC in January is 01:30 GMT: outside.
    expect(localMinuteOfDay(new Date('2026-07-01T01:30:00Z'), 'Europe/London')).toBe(150);
    expect(insideWindow(new Date('2026-07-01T01:30:00Z'), window)).toBe(true);
    expect(insideWindow(new Date('2026-01-15T01:30:00Z'), window)).toBe(false);
    expect(insideWindow(new Date('2026-01-15T04:59:00Z'), window)).toBe(true);
    expect(insideWindow(new Date('2026-01-15T05:00:00Z'), window)).toBe(false);
  });

  it('handles windows that cross midnight', () => {
    const night = { from: '22:30', to: '04:00', timeZone: 'Europe/London' };
    expect(insideWindow(new Date('2026-01-15T23:00:00Z'), night)).toBe(true);
    expect(insideWindow(new Date('2026-01-15T03:59:00Z'), night)).toBe(true);
    expect(insideWindow(new Date('2026-01-15T12:00:00Z'), night)).toBe(false);
  });

  it('waits until nobody has touched the kiosk for a while', () => {
    const at = new Date('2026-01-15T03:00:00Z');
    expect(mayInstallUpdate({ at, window, idleSeconds: 30, minIdleSeconds: 300 })).toBe(false);
    expect(mayInstallUpdate({ at, window, idleSeconds: 300, minIdleSeconds: 300 })).toBe(true);
    expect(
      mayInstallUpdate({ at: new Date('2026-01-15T10:00:00Z'), window, idleSeconds: 9_999, minIdleSeconds: 300 }),
    ).toBe(false);
  });
});
