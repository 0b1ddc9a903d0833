/**
 * Slows guessing of enrolment codes: at most 5 attempts for one machine id, or 20 from one address,
 * within 15 minutes, unless they succeed. An attempt is counted the moment it starts, before the
 * (slow) Argon2 verify, so requests sent in parallel cannot get past the limit: the check and the
 * count happen together, with no await between them. In memory, like the sign-in throttle.
 */
import type { Clock } from '../clock.js';

const windowMs = 15 * 60_000;

interface Attempt {
  at: number;
}

export type AttemptStart = { allowed: true; succeeded(): void } | { allowed: false; retryAfterSeconds: number };

export class EnrolmentThrottle {
  private readonly attempts = new Map<string, Attempt[]>();

  constructor(
    private readonly clock: Clock,
    private readonly perMachine = 5,
    private readonly perAddress = 20,
  ) {}

  private recent(key: string): Attempt[] {
    const since = this.clock.now().getTime() - windowMs;
    const kept = (this.attempts.get(key) ?? []).filter((attempt) => attempt.at > since);
    if (kept.length === 0) this.attempts.delete(key);
    else this.attempts.set(key, kept);
    return kept;
  }

  /** Counts an attempt, or says how long to wait when the limit is reached (nothing counted). */
  start(machineId: string, address: string): AttemptStart {
    const now = this.clock.now().getTime();
    const limits: Array<[string, number]> = [
      [`machine:${machineId}`, this.perMachine],
      [`addr:${address}`, this.perAddress],
    ];
    let wait = 0;
    for (const [key, limit] of limits) {
      const recent = this.recent(key);
      const oldestCounted = recent[recent.length - limit];
      if (oldestCounted) wait = Math.max(wait, Math.ceil((oldestCounted.at + windowMs - now) / 1000));
    }
    if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
    const attempt: Attempt = { at: now };
    for (const [key] of limits) this.attempts.set(key, [...this.recent(key), attempt]);
    return {
      allowed: true,
      succeeded: () => {
        for (const [key] of limits) {
          const kept = (this.attempts.get(key) ?? []).filter((counted) => counted !== attempt);
          if (kept.length === 0) this.attempts.delete(key);
          else this.attempts.set(key, kept);
        }
      },
    };
  }
}
