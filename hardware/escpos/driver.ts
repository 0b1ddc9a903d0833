/**
 * Talks ESC/POS to one connected printer: real-time status (DLE EOT 1–4, answered at once),
 * Automatic Status Back frames, and job confirmation. A job counts as printed only when the printer
 * answers the `GS r 1` we append to it: that reply is produced in sequence with the print data, so it
 * comes after the last line and the cut, and never while the printer is stopped at paper end.
 */
import type { Link } from '../serial/link.js';
import { realtimeStatusRequest, transmitPaperStatus, automaticStatusBack, recoverClearingBuffers } from './commands.js';
import { EscPosStatusParser, type StatusMessage } from './status-parser.js';
import {
  emptyStatus,
  paperFromTransmitStatus,
  statusFromAsb,
  statusFromRealtime,
  verdictFor,
  type PrinterStatus,
} from './status.js';
import type { PrintOutcome } from '../types.js';

export class NoResponseError extends Error {
  constructor(message = 'The printer did not answer a status request.') {
    super(message);
  }
}

export interface DriverOptions {
  statusBack: boolean;
  /** How long a DLE EOT reply may take (they are answered at once; allow for a busy USB adapter). */
  realtimeTimeoutMs?: number;
  /** How often status is polled while waiting for a job's confirmation. */
  jobPollMs?: number;
  deviceName?: string;
}

interface ConfirmationWaiter {
  resolve: (reply: number) => void;
  /** The job gave up waiting; its reply, if it ever comes, only tells us it printed after all. */
  abandoned: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class EscPosDriver {
  private realtimeWaiters: Array<(byte: number) => void> = [];
  private readonly confirmations: ConfirmationWaiter[] = [];
  private inFlightPoll: Promise<PrinterStatus> | null = null;
  private lastStatus: PrinterStatus = emptyStatus();
  private readonly statusListeners: Array<(status: PrinterStatus) => void> = [];
  private readonly lateConfirmationListeners: Array<() => void> = [];
  private readonly parser: EscPosStatusParser;
  private readonly realtimeTimeoutMs: number;
  private readonly jobPollMs: number;
  private readonly deviceName: string;

  constructor(
    private readonly link: Link,
    private readonly options: DriverOptions,
  ) {
    this.realtimeTimeoutMs = options.realtimeTimeoutMs ?? 1_000;
    this.jobPollMs = options.jobPollMs ?? 250;
    this.deviceName = options.deviceName ?? 'printer';
    this.parser = new EscPosStatusParser({ statusBack: options.statusBack });
    link.stream.pipe(this.parser);
    this.parser.on('data', (message: StatusMessage) => this.onMessage(message));
  }

  /** Sends GS a so the printer reports changes by itself (when configured). */
  async start(): Promise<void> {
    if (this.options.statusBack) await this.link.write(automaticStatusBack(true));
  }

  dispose(): void {
    this.link.stream.unpipe(this.parser);
    this.parser.destroy();
    for (const waiter of this.realtimeWaiters.splice(0)) waiter(-1);
  }

  /** DLE ENQ 2: recover from a cutter error, throwing away what was left of the failed job. */
  async recoverFromCutterError(): Promise<void> {
    await this.link.write(recoverClearingBuffers());
    // The printer threw away the jobs given up on, with their GS r: stop expecting those replies,
    // or the next job's confirmation would be taken for a late one.
    for (let i = this.confirmations.length - 1; i >= 0; i--)
      if (this.confirmations[i]!.abandoned) this.confirmations.splice(i, 1);
  }

  status(): PrinterStatus {
    return { ...this.lastStatus };
  }

  onStatus(listener: (status: PrinterStatus) => void): void {
    this.statusListeners.push(listener);
  }

  /** Heard when a job we had given up on turns out to have printed (e.g. after paper was loaded). */
  onLateConfirmation(listener: () => void): void {
    this.lateConfirmationListeners.push(listener);
  }

  private setStatus(status: PrinterStatus): void {
    this.lastStatus = status;
    for (const listener of this.statusListeners) listener({ ...status });
  }

  private onMessage(message: StatusMessage): void {
    switch (message.kind) {
      case 'realtime': {
        const waiter = this.realtimeWaiters.shift();
        waiter?.(message.byte);
        return;
      }
      case 'asb':
        this.setStatus(statusFromAsb(message.frame));
        return;
      case 'transmit-status': {
        const paper = paperFromTransmitStatus(message.byte);
        this.setStatus({ ...this.lastStatus, ...paper });
        const waiter = this.confirmations.shift();
        if (!waiter) return;
        if (waiter.abandoned) for (const listener of this.lateConfirmationListeners) listener();
        else waiter.resolve(message.byte);
        return;
      }
    }
  }

  /**
   * DLE EOT 1, 2, 3 and 4 in one write; the four one-byte replies come back in order. Concurrent
   * callers share one poll, so replies can never be attributed to the wrong request.
   */
  pollStatus(): Promise<PrinterStatus> {
    if (this.inFlightPoll) return this.inFlightPoll;
    const poll = this.doPoll().finally(() => {
      this.inFlightPoll = null;
    });
    this.inFlightPoll = poll;
    return poll;
  }

  private async doPoll(): Promise<PrinterStatus> {
    const replies: Promise<number>[] = [];
    for (let i = 0; i < 4; i++) replies.push(new Promise<number>((resolve) => this.realtimeWaiters.push(resolve)));
    const request = new Uint8Array(12);
    ([1, 2, 3, 4] as const).forEach((n, i) => request.set(realtimeStatusRequest(n), i * 3));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.realtimeTimeoutMs);
    });
    try {
      await this.link.write(request);
      const result = await Promise.race([Promise.all(replies), timeout]);
      if (result === 'timeout' || result.some((b) => b < 0)) {
        // A reply that turns up later finds no waiter and is dropped: the next poll starts clean.
        this.realtimeWaiters = [];
        throw new NoResponseError();
      }
      const [r1 = 0, r2 = 0, r3 = 0, r4 = 0] = result;
      const status = statusFromRealtime(r1, r2, r3, r4);
      this.setStatus(status);
      return status;
    } catch (error) {
      this.realtimeWaiters = [];
      if (error instanceof NoResponseError) throw error;
      throw new NoResponseError(`Could not ask the printer for its status: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Status check, then the job with GS r 1 appended, then wait for that reply while polling status:
   * paper end, an open cover or a cutter jam during the job ends the wait at once.
   */
  async print(job: Uint8Array, confirmTimeoutMs: number): Promise<PrintOutcome> {
    let before: PrinterStatus;
    try {
      before = await this.pollStatus();
    } catch (error) {
      return { printed: false, reason: 'no-response', detail: (error as Error).message };
    }
    const verdict = verdictFor(before, this.deviceName);
    if (verdict.health === 'fault')
      return { printed: false, reason: verdict.reason ?? 'fault', detail: verdict.detail ?? '' };

    let confirmed = false;
    const waiter: ConfirmationWaiter = { resolve: () => undefined, abandoned: false };
    const confirmation = new Promise<number>((resolve) => {
      waiter.resolve = (reply) => {
        confirmed = true;
        resolve(reply);
      };
    });
    this.confirmations.push(waiter);
    const bytes = new Uint8Array(job.length + 3);
    bytes.set(job, 0);
    bytes.set(transmitPaperStatus(), job.length);
    try {
      await this.link.write(bytes);
    } catch (error) {
      waiter.abandoned = true;
      return {
        printed: false,
        reason: 'offline',
        detail: `Could not send to the ${this.deviceName}: ${(error as Error).message}`,
      };
    }

    const deadline = Date.now() + confirmTimeoutMs;
    while (!confirmed) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        waiter.abandoned = true;
        return {
          printed: false,
          reason: 'not-confirmed',
          detail: `The ${this.deviceName} did not confirm the job within ${Math.round(confirmTimeoutMs / 1000)} s.`,
        };
      }
      await Promise.race([confirmation, sleep(Math.min(this.jobPollMs, remaining))]);
      if (confirmed) break;
      let during: PrinterStatus;
      try {
        during = await this.pollStatus();
      } catch (error) {
        waiter.abandoned = true;
        return { printed: false, reason: 'no-response', detail: (error as Error).message };
      }
      if (confirmed) break;
      const now = verdictFor(during, this.deviceName);
      if (now.health === 'fault') {
        waiter.abandoned = true;
        return { printed: false, reason: now.reason ?? 'fault', detail: now.detail ?? '' };
      }
    }
    return { printed: true };
  }
}
