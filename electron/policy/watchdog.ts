/**
 * The renderer watchdog: an unattended kiosk must come back by itself. Plain state machine with an
 * injected clock so every path is unit-tested; electron/main.ts feeds it Electron's events and gives
 * it two actions (reload, crash the renderer).
 *
 *   render-process-gone (crashed, oom, killed, …)  → reload after a backoff
 *   did-fail-load / load never finishes            → reload after a backoff (server or hub not up yet)
 *   unresponsive, still so after a grace period    → forcefully crash the renderer, then reload
 *   no heartbeat from the preload for too long     → same as unresponsive (the main thread is stuck)
 *
 * Backoff doubles per consecutive failure up to a cap and never gives up (nobody is there to press
 * a button); it resets once a page has stayed healthy for `stableAfterMs`.
 */
import type { RestartReason } from '../../contract/ipc.js';

export interface WatchdogPolicy {
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** A page that stays up this long clears the failure count. */
  stableAfterMs: number;
  /** No heartbeat for this long after the page loaded → the renderer is hung. */
  heartbeatTimeoutMs: number;
  /** After Electron's `unresponsive`, wait this long for `responsive` before killing the renderer. */
  unresponsiveGraceMs: number;
  /** A load that has not finished after this long is treated as failed. */
  loadTimeoutMs: number;
  /** After forcefullyCrashRenderer, reload anyway if render-process-gone has not arrived by then. */
  crashConfirmMs: number;
}

export const defaultWatchdogPolicy: WatchdogPolicy = {
  initialBackoffMs: 1_000,
  maxBackoffMs: 60_000,
  stableAfterMs: 120_000,
  heartbeatTimeoutMs: 30_000,
  unresponsiveGraceMs: 10_000,
  loadTimeoutMs: 60_000,
  crashConfirmMs: 5_000,
};

/** RenderProcessGoneDetails.reason in Electron. */
export type GoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction';

export interface WatchdogClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: WatchdogClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface WatchdogActions {
  reload(): void;
  crashRenderer(): void;
  /** A restart was decided: for the log and the shell status. */
  restartScheduled(event: { reason: RestartReason; consecutiveFailures: number; delayMs: number; at: number }): void;
}

export type WatchdogState = 'idle' | 'loading' | 'running' | 'unresponsive' | 'killing' | 'restarting' | 'stopped';

/** Delay before the n-th consecutive restart (n ≥ 1): initial × 2^(n−1), capped. */
export function backoffDelay(
  consecutiveFailures: number,
  policy: Pick<WatchdogPolicy, 'initialBackoffMs' | 'maxBackoffMs'>,
): number {
  const exponent = Math.max(0, consecutiveFailures - 1);
  // 2^exponent overflows to Infinity long after the cap; Math.min handles that.
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** exponent);
}

type TimerName = 'heartbeat' | 'grace' | 'reload' | 'stable' | 'load' | 'crashConfirm';

export class RendererWatchdog {
  private currentState: WatchdogState = 'idle';
  private failures = 0;
  private totalRestarts = 0;
  private killCause: RestartReason | null = null;
  private readonly timers = new Map<TimerName, unknown>();

  constructor(
    private readonly actions: WatchdogActions,
    private readonly policy: WatchdogPolicy = defaultWatchdogPolicy,
    private readonly clock: WatchdogClock = systemClock,
  ) {}

  get state(): WatchdogState {
    return this.currentState;
  }
  get consecutiveFailures(): number {
    return this.failures;
  }
  get restarts(): number {
    return this.totalRestarts;
  }

  /** The shell is about to load the page (first load). */
  start(): void {
    this.clearAll();
    this.enterLoading();
  }

  /** did-finish-load of the main frame. */
  pageLoaded(): void {
    if (this.currentState !== 'loading') return;
    this.clear('load');
    this.currentState = 'running';
    this.arm('heartbeat', this.policy.heartbeatTimeoutMs, () => this.kill('heartbeat-missed'));
    this.arm('stable', this.policy.stableAfterMs, () => {
      this.failures = 0;
    });
  }

  heartbeat(): void {
    if (this.currentState !== 'running') return;
    this.arm('heartbeat', this.policy.heartbeatTimeoutMs, () => this.kill('heartbeat-missed'));
  }

  unresponsive(): void {
    if (this.currentState !== 'running') return;
    this.currentState = 'unresponsive';
    this.clear('heartbeat');
    this.arm('grace', this.policy.unresponsiveGraceMs, () => this.kill('unresponsive'));
  }

  responsive(): void {
    if (this.currentState !== 'unresponsive') return;
    this.clear('grace');
    this.currentState = 'running';
    this.arm('heartbeat', this.policy.heartbeatTimeoutMs, () => this.kill('heartbeat-missed'));
  }

  processGone(reason: GoneReason): void {
    if (this.currentState === 'stopped' || this.currentState === 'restarting') return;
    const cause = this.killCause ?? reason;
    this.restart(cause);
  }

  /** did-fail-load of the main frame (not ERR_ABORTED, which is a navigation replaced by another). */
  loadFailed(): void {
    if (this.currentState === 'stopped' || this.currentState === 'restarting') return;
    this.restart('load-failed');
  }

  stop(): void {
    this.clearAll();
    this.currentState = 'stopped';
  }

  private kill(cause: RestartReason): void {
    this.clearAll();
    this.currentState = 'killing';
    this.killCause = cause;
    this.actions.crashRenderer();
    this.arm('crashConfirm', this.policy.crashConfirmMs, () => this.restart(cause));
  }

  private restart(reason: RestartReason): void {
    this.clearAll();
    this.killCause = null;
    this.failures += 1;
    this.totalRestarts += 1;
    const delayMs = backoffDelay(this.failures, this.policy);
    this.currentState = 'restarting';
    this.actions.restartScheduled({ reason, consecutiveFailures: this.failures, delayMs, at: this.clock.now() });
    this.arm('reload', delayMs, () => {
      this.enterLoading();
      this.actions.reload();
    });
  }

  private enterLoading(): void {
    this.currentState = 'loading';
    this.arm('load', this.policy.loadTimeoutMs, () => this.restart('load-failed'));
  }

  private arm(name: TimerName, ms: number, callback: () => void): void {
    this.clear(name);
    this.timers.set(
      name,
      this.clock.setTimeout(() => {
        this.timers.delete(name);
        callback();
      }, ms),
    );
  }

  private clear(name: TimerName): void {
    const handle = this.timers.get(name);
    if (handle !== undefined) this.clock.clearTimeout(handle);
    this.timers.delete(name);
  }

  private clearAll(): void {
    for (const name of [...this.timers.keys()]) this.clear(name);
  }
}
