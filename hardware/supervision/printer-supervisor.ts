/**
 * One ESC/POS printer under supervision: connects through a LinkKeeper, polls DLE EOT status on a
 * schedule (and before each job, inside the driver), publishes ok / warning / fault / offline, and
 * prints one job at a time. Implements the Printer interface the server uses; while the device is
 * away, print calls answer at once with "offline" rather than queueing (a ticket printed minutes
 * later would confuse the next resident).
 */
import type { Logger } from 'pino';
import type { DeviceKind, DeviceState } from '../../contract/devices.js';
import { EscPosDriver, NoResponseError } from '../escpos/driver.js';
import { receiptBytes, ticketBytes, type LayoutOptions } from '../escpos/layout.js';
import { verdictFor, type PrinterStatus } from '../escpos/status.js';
import type { Connector } from '../serial/connector.js';
import type { Link } from '../serial/link.js';
import type { PrintOutcome, Printer, ReceiptPrintout, TicketPrintout } from '../types.js';
import { LinkKeeper, defaultBackoff, type Backoff } from './keeper.js';
import { StateHolder } from './device-state.js';

export interface PrinterSupervisorOptions {
  id: string;
  kind: Extract<DeviceKind, 'ticket-printer' | 'receipt-printer'>;
  kiosk: string | null;
  connector: Connector;
  columns?: number;
  statusBack?: boolean;
  presenter?: 'none' | 'custom';
  confirmTimeoutMs?: number;
  pollIntervalMs?: number;
  /** Missed status polls in a row before the link is dropped and reopened (unplug without a close). */
  missedPollsBeforeReconnect?: number;
  realtimeTimeoutMs?: number;
  backoff?: Backoff;
  logger?: Logger;
}

const NAMES: Record<PrinterSupervisorOptions['kind'], string> = {
  'ticket-printer': 'ticket printer',
  'receipt-printer': 'receipt printer',
};

export class SupervisedPrinter implements Printer {
  private readonly holder: StateHolder;
  private readonly keeper: LinkKeeper;
  private driver: EscPosDriver | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private missedPolls = 0;
  private jobs: Promise<unknown> = Promise.resolve();
  /** While a job is being sent and confirmed, the job loop polls; the schedule stays out of its way. */
  private jobInProgress = false;
  private coverOpenedDuringJam = false;
  private readonly name: string;
  private readonly layout: LayoutOptions;

  constructor(private readonly options: PrinterSupervisorOptions) {
    this.name = NAMES[options.kind];
    this.layout = { columns: options.columns ?? 42, presenter: options.presenter ?? 'none' };
    this.holder = new StateHolder({ id: options.id, kind: options.kind, kiosk: options.kiosk });
    this.keeper = new LinkKeeper(
      options.connector,
      {
        opened: (link) => this.opened(link),
        lost: (reason, message, attempt) => this.lost(reason, message, attempt),
      },
      options.backoff ?? defaultBackoff,
    );
  }

  async start(): Promise<void> {
    await this.keeper.start();
    const interval = this.options.pollIntervalMs ?? 2_000;
    this.pollTimer = setInterval(() => void this.poll(), interval);
    this.pollTimer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.driver?.dispose();
    this.driver = null;
    await this.keeper.stop();
  }

  state(): DeviceState {
    return this.holder.get();
  }

  onChange(listener: (state: DeviceState) => void): () => void {
    return this.holder.onChange(listener);
  }

  printTicket(ticket: TicketPrintout): Promise<PrintOutcome> {
    return this.enqueue(() => ticketBytes(ticket, this.layout));
  }

  printReceipt(receipt: ReceiptPrintout): Promise<PrintOutcome> {
    return this.enqueue(() => receiptBytes(receipt, this.layout));
  }

  private enqueue(render: () => Uint8Array): Promise<PrintOutcome> {
    const run = async (): Promise<PrintOutcome> => {
      const driver = this.driver;
      if (!driver) {
        const state = this.state();
        return { printed: false, reason: 'offline', detail: state.detail ?? `The ${this.name} is not connected.` };
      }
      this.jobInProgress = true;
      let outcome: PrintOutcome;
      try {
        outcome = await driver.print(render(), this.options.confirmTimeoutMs ?? 15_000);
      } finally {
        this.jobInProgress = false;
      }
      if (!outcome.printed) {
        this.options.logger?.warn(
          { device: this.options.id, kiosk: this.options.kiosk, reason: outcome.reason },
          `print job not confirmed: ${outcome.detail}`,
        );
        if (outcome.reason === 'no-response')
          this.holder.set('offline', 'no-response', `The ${this.name} does not answer.`);
        if (outcome.reason === 'not-confirmed') this.holder.set('fault', 'not-confirmed', outcome.detail);
      }
      return outcome;
    };
    const result = this.jobs.then(run, run);
    this.jobs = result.catch(() => undefined);
    return result;
  }

  private async opened(link: Link): Promise<void> {
    const driver = new EscPosDriver(link, {
      statusBack: this.options.statusBack ?? false,
      deviceName: this.name,
      realtimeTimeoutMs: this.options.realtimeTimeoutMs ?? 1_000,
    });
    driver.onStatus((status) => this.publish(status));
    driver.onLateConfirmation(() =>
      this.options.logger?.warn(
        { device: this.options.id, kiosk: this.options.kiosk },
        'a job reported as not printed has now printed (paper or cover was fixed)',
      ),
    );
    this.driver?.dispose();
    this.driver = driver;
    link.onClose(() => {
      if (this.driver === driver) {
        driver.dispose();
        this.driver = null;
      }
    });
    await driver.start();
    try {
      await driver.pollStatus();
      this.missedPolls = 0;
    } catch (error) {
      if (!(error instanceof NoResponseError)) throw error;
      this.holder.set(
        'offline',
        'no-response',
        `The ${this.name} is connected at ${link.description} but does not answer; is it switched on?`,
      );
    }
    this.options.logger?.info(
      { device: this.options.id, kiosk: this.options.kiosk, path: link.description },
      `${this.name} connected`,
    );
  }

  private lost(reason: 'unplugged' | 'not-found' | 'closed', message: string, attempt: number): void {
    this.driver?.dispose();
    this.driver = null;
    const detail =
      reason === 'unplugged'
        ? `The ${this.name} was unplugged or switched off; reconnecting.`
        : `The ${this.name} cannot be reached (${this.options.connector.description}); retrying.`;
    this.holder.set('offline', reason === 'closed' ? 'not-found' : reason, detail);
    if (attempt <= 1 || attempt % 10 === 0)
      this.options.logger?.warn({ device: this.options.id, kiosk: this.options.kiosk, attempt }, message);
  }

  private publish(status: PrinterStatus): void {
    // A cutter jam is cleared by opening the cover, freeing the paper and closing it; the printer
    // then needs DLE ENQ to carry on. We send DLE ENQ 2 (clear the buffers): the failed job was
    // already reported as not printed, so printing its rest now would be a stale ticket.
    if (status.cutterError && status.coverOpen) this.coverOpenedDuringJam = true;
    if (status.cutterError && !status.coverOpen && this.coverOpenedDuringJam) {
      this.coverOpenedDuringJam = false;
      void this.driver?.recoverFromCutterError().catch(() => undefined);
    }
    if (!status.cutterError) this.coverOpenedDuringJam = false;
    const verdict = verdictFor(status, this.name);
    this.holder.set(verdict.health, verdict.reason, verdict.detail);
  }

  private async poll(): Promise<void> {
    const driver = this.driver;
    // A status request written behind a long job would wait for the job's bytes to leave the port
    // (half a second for a ticket at 9600 baud) and could time out: the job loop polls instead.
    if (!driver || this.jobInProgress) return;
    try {
      await driver.pollStatus();
      this.missedPolls = 0;
    } catch {
      if (this.driver !== driver) return;
      this.missedPolls += 1;
      this.holder.set('offline', 'no-response', `The ${this.name} does not answer status requests.`);
      // Windows may not close the port on unplug (node-serialport #2351): reopen to re-find it.
      if (this.missedPolls >= (this.options.missedPollsBeforeReconnect ?? 3)) {
        this.missedPolls = 0;
        await this.keeper.reconnect();
      }
    }
  }
}
