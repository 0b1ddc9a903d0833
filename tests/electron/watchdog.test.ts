import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  defaultWatchdogPolicy,
  RendererWatchdog,
  type WatchdogClock,
  type WatchdogPolicy,
} from '../../electron/policy/watchdog.js';
import type { RestartReason } from '../../contract/ipc.js';

/** A clock we move by hand: timers fire in time order when `advance` passes them. */
class HandClock implements WatchdogClock {
  private time = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.pending.entries()]
        .filter(([, timer]) => timer.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}

const policy: WatchdogPolicy = {
  ...defaultWatchdogPolicy,
  initialBackoffMs: 1_000,
  maxBackoffMs: 16_000,
  heartbeatTimeoutMs: 30_000,
  unresponsiveGraceMs: 10_000,
  stableAfterMs: 120_000,
  loadTimeoutMs: 60_000,
  crashConfirmMs: 5_000,
};

function setUp() {
  const clock = new HandClock();
  const log: string[] = [];
  const restarts: { reason: RestartReason; delayMs: number; consecutiveFailures: number }[] = [];
  const watchdog = new RendererWatchdog(
    {
      reload: () => log.push(`reload@${clock.now()}`),
      crashRenderer: () => log.push(`crash@${clock.now()}`),
      restartScheduled: ({ reason, delayMs, consecutiveFailures }) =>
        restarts.push({ reason, delayMs, consecutiveFailures }),
    },
    policy,
    clock,
  );
  return { clock, log, restarts, watchdog };
}

describe('backoff', () => {
  it('doubles per consecutive failure and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 50, 5000].map((n) => backoffDelay(n, policy))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 16_000, 16_000, 16_000,
    ]);
  });
});

describe('renderer watchdog', () => {
  it('reloads a crashed renderer after the first backoff step', () => {
    const { clock, log, restarts, watchdog } = setUp();
    watchdog.start();
    watchdog.pageLoaded();
    watchdog.processGone('crashed');
    expect(restarts).toEqual([{ reason: 'crashed', delayMs: 1_000, consecutiveFailures: 1 }]);
    clock.advance(999);
    expect(log).toEqual([]);
    clock.advance(1);
    expect(log).toEqual(['reload@1000']);
  });

  it('backs off further on a crash loop, and never gives up', () => {
    const { clock, log, restarts, watchdog } = setUp();
    watchdog.start();
    for (let i = 0; i < 8; i++) {
      watchdog.pageLoaded();
      watchdog.processGone('oom');
      clock.advance(20_000);
    }
    expect(restarts.map((r) => r.delayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 16_000, 16_000, 16_000]);
    expect(log.filter((entry) => entry.startsWith('reload'))).toHaveLength(8);
    expect(watchdog.restarts).toBe(8);
  });

  it('forgets past failures once a page has stayed up for the stable period', () => {
    const { clock, restarts, watchdog } = setUp();
    watchdog.start();
    watchdog.pageLoaded();
    watchdog.processGone('crashed');
    clock.advance(1_000);
    watchdog.pageLoaded();
    watchdog.processGone('crashed');
    clock.advance(2_000);
    watchdog.pageLoaded();
    // Healthy for the stable period (heartbeats keep coming).
    for (let t = 0; t < 120_000; t += 10_000) {
      clock.advance(10_000);
      watchdog.heartbeat();
    }
    watchdog.processGone('crashed');
    expect(restarts.map((r) => r.delayMs)).toEqual([1_000, 2_000, 1_000]);
  });

  it('kills a renderer that stays unresponsive past the grace period, then reloads, reporting "unresponsive"', () => {
    const { clock, log, restarts, watchdog } = setUp();
    watchdog.start();
    watchdog.pageLoaded();
    clock.advance(1_000);
    watchdog.unresponsive();
    clock.advance(9_999);
    expect(log).toEqual([]);
    clock.advance(1);
    expect(log).toEqual(['crash@11000']);
    // Electron then reports the process gone (reason "killed"); the cause we record is the hang.
    watchdog.processGone('killed');
    expect(restarts).toEqual([{ reason: 'unresponsive', delayMs: 1_000, consecutiveFailures: 1 }]);
    clock.advance(1_000);
    expect(log).toEqual(['crash@11000', 'reload@12000']);
  });

  it('leaves a renderer alone that becomes responsive again within the grace period', () => {
    const { clock, log, watchdog } = setUp();
    watchdog.start();
    watchdog.pageLoaded();
    watchdog.unresponsive();
    clock.advance(5_000);
    watchdog.responsive();
    watchdog.heartbeat();
    clock.advance(20_000);
    watchdog.heartbeat();
    clock.advance(20_000);
    expect(log).toEqual([]);
    expect(watchdog.state).toBe('running');
  });

  it('treats missing heartbeats as a hung main thread', () => {
    const { clock, log, restarts, watchdog } = setUp();
    watchdog.start();
    watchdog.pageLoaded();
    for (let i = 0; i < 5; i++) {
      clock.advance(5_000);
      watchdog.heartbeat();
    }
    clock.advance(29_999);
    expect(log).toEqual([]);
    clock.advance(1);
    expect(log).toEqual(['crash@55000']);
    watchdog.processGone('killed');
    expect(restarts[0]?.reason).toBe('heartbeat-missed');
  });

  it('reloads anyway when the crashed renderer never reports itself gone', () => {
    const { clock, log, restarts, watchdog } = setUp();
    watchdog.start();
    watchdog.pageLoaded();
    clock.advance(30_000);
    expect(log).toEqual(['crash@30000']);
    clock.advance(5_000);
    expect(restarts).toEqual([{ reason: 'heartbeat-missed', delayMs: 1_000, consecutiveFailures: 1 }]);
    clock.advance(1_000);
    expect(log).toEqual(['crash@30000', 'reload@36000']);
  });

  it('retries a page that fails to load (hub not reachable yet) with backoff', () => {
    const { clock, log, restarts, watchdog } = setUp();
    watchdog.start();
    watchdog.loadFailed();
    clock.advance(1_000);
    watchdog.loadFailed();
    clock.advance(2_000);
    watchdog.loadFailed();
    expect(restarts.map((r) => [r.reason, r.delayMs])).toEqual([
      ['load-failed', 1_000],
      ['load-failed', 2_000],
      ['load-failed', 4_000],
    ]);
    expect(log).toEqual(['reload@1000', 'reload@3000']);
  });

  it('treats a load that never finishes as failed', () => {
    const { clock, restarts, watchdog } = setUp();
    watchdog.start();
    clock.advance(60_000);
    expect(restarts).toEqual([{ reason: 'load-failed', delayMs: 1_000, consecutiveFailures: 1 }]);
  });

  it('schedules one reload for a burst of failure events', () => {
    const { clock, log, restarts, watchdog } = setUp();
    watchdog.start();
    watchdog.pageLoaded();
    watchdog.processGone('crashed');
    watchdog.loadFailed();
    watchdog.processGone('crashed');
    clock.advance(10_000);
    expect(restarts).toHaveLength(1);
    expect(log.filter((entry) => entry.startsWith('reload'))).toHaveLength(1);
  });

  it('does nothing after stop (the app is quitting)', () => {
    const { clock, log, restarts, watchdog } = setUp();
    watchdog.start();
    watchdog.pageLoaded();
    watchdog.stop();
    watchdog.processGone('clean-exit');
    clock.advance(600_000);
    expect(log).toEqual([]);
    expect(restarts).toEqual([]);
  });
});
