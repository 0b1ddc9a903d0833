/**
 * Slows password guessing: after 5 failed sign-ins for one username, or 20 from one address, within
 * 15 minutes, further attempts are refused (429) until the window has passed. In memory: a restart
 * clears it, which is acceptable for an office LAN (Argon2id already makes each guess slow).
 */
import type { Clock } from '../clock.js';

const windowMs = 15 * 60_000;

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly perUser = 5,
    private readonly perAddress = 20,
  ) {}

  private recent(key: string): number[] {
    const since = this.clock.now().getTime() - windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Seconds until another attempt is allowed, or 0. */
  retryAfterSeconds(username: string, address: string): number {
    const checks: Array<[string, number]> = [
      [`user:${username.toLowerCase()}`, this.perUser],
      [`addr:${address}`, this.perAddress],
    ];
    let wait = 0;
    for (const [key, limit] of checks) {
      const times = this.recent(key);
      if (times.length >= limit)
        wait = Math.max(
          wait,
          Math.ceil(((times[times.length - limit] as number) + windowMs - this.clock.now().getTime()) / 1000),
        );
    }
    return wait;
  }

  failed(username: string, address: string): void {
    const now = this.clock.now().getTime();
    for (const key of [`user:${username.toLowerCase()}`, `addr:${address}`])
      this.failures.set(key, [...this.recent(key), now]);
  }

  succeeded(username: string): void {
    this.failures.delete(`user:${username.toLowerCase()}`);
  }
}
