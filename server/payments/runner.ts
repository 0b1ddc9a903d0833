/**
 * Runs one card payment from the committed journal row to the printed receipt:
 *   pending (committed by start) → authorising (committed BEFORE the terminal is asked) → the
 *   terminal's answer (committed) → receipt printed (committed).
 * One payment at a time per kiosk (one terminal). Prompts and results are pushed as
 * `payment.prompt` / `payment.result` events; the kiosk can also poll GET /api/payments/:id.
 */
import type { Logger } from 'pino';
import type { SiteConfig } from '../../contract/config.js';
import { outcomeOf, type Payment, type PaymentsConfig, type TerminalPromptKind } from '../../contract/payments.js';
import type { AuthorisationResult, DeviceDirectory, PaymentTerminal, TerminalPrompt } from '../../hardware/types.js';
import type { Clock } from '../clock.js';
import type { EventHub } from '../events.js';
import { HttpError } from '../http/errors.js';
import { toPayment, type JournalRow, type NewPayment, type PaymentJournal } from './journal.js';
import { maskCardData } from './pci.js';
import { receiptText, toPrintout } from './receipt.js';

interface ActiveRun {
  id: string;
  kiosk: string;
  terminal: PaymentTerminal;
  prompt: { kind: TerminalPromptKind; text: string } | null;
  cancellable: boolean;
  cancelRequested: boolean;
  settled: Promise<void>;
  /** Settles when the terminal driver itself has finished with this authorisation. */
  terminalDone: Promise<unknown>;
}

/** Before the card is presented the terminal can still be stopped without taking money. */
const cancellablePrompts: ReadonlySet<TerminalPrompt> = new Set(['insert-card', 'present-card']);
const lockingPrompts: ReadonlySet<TerminalPrompt> = new Set(['enter-pin', 'remove-card', 'processing', 'please-wait']);

/**
 * Crash tests only (tests/payments/crash.test.ts): `PAYMENTS_FAILPOINT=after-pending|after-authorising|
 * after-approval` makes the process SIGKILL itself at exactly that point, so a test can cut the
 * power between two commits that are microseconds apart. Unset in production: a no-op.
 */
export type Failpoint = 'after-pending' | 'after-authorising' | 'after-approval';
function failpoint(name: Failpoint): void {
  if (process.env.PAYMENTS_FAILPOINT === name) process.kill(process.pid, 'SIGKILL');
}

export interface RunnerDeps {
  journal: PaymentJournal;
  devices: DeviceDirectory;
  site: SiteConfig;
  payments: PaymentsConfig;
  clock: Clock;
  logger: Logger;
  events: EventHub;
}

export class PaymentRunner {
  private readonly active = new Map<string, ActiveRun>();
  private readonly settling = new Map<string, Promise<void>>();

  constructor(private readonly deps: RunnerDeps) {}

  /** The payment with what only the running process knows (current prompt, cancellable). */
  view(row: JournalRow): Payment {
    const payment = toPayment(row);
    const run = this.active.get(row.kiosk);
    if (run && run.id === row.id && (row.state === 'pending' || row.state === 'authorising')) {
      payment.prompt = run.prompt;
      payment.cancellable = run.cancellable && !run.cancelRequested;
    }
    return payment;
  }

  /** Resolves when the payment's run (terminal answer and receipt) is over; for tests and shutdown. */
  async whenSettled(id: string): Promise<void> {
    await this.settling.get(id);
  }

  /** Waits a little for payments in flight; whatever is still authorising becomes unknown at next start. */
  async stop(graceMs = 5_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.settling.values()]), grace]);
    clearTimeout(timer);
  }

  /** Whether this kiosk's terminal is taking a payment now (a resident is mid-payment). */
  isTaking(kiosk: string): boolean {
    return this.active.has(kiosk);
  }

  /** Commits the pending row and starts the authorisation in the background. */
  start(request: NewPayment): JournalRow {
    const terminal = this.deps.devices.forKiosk(request.kiosk).cardTerminal;
    if (!terminal) throw new HttpError(503, 'terminal-unavailable', `Kiosk "${request.kiosk}" has no card terminal.`);
    const health = terminal.state().health;
    if (health === 'offline' || health === 'fault')
      throw new HttpError(
        503,
        'terminal-unavailable',
        `The card terminal of kiosk "${request.kiosk}" is ${health}: payments are paused.`,
      );
    if (this.active.has(request.kiosk))
      throw new HttpError(409, 'terminal-busy', `Kiosk "${request.kiosk}" is already taking a payment.`);
    const row = this.deps.journal.create(request);
    const run: ActiveRun = {
      id: row.id,
      kiosk: row.kiosk,
      terminal,
      prompt: null,
      cancellable: true,
      cancelRequested: false,
      settled: Promise.resolve(),
      terminalDone: Promise.resolve(),
    };
    this.active.set(row.kiosk, run);
    run.settled = this.run(run, row).finally(() => {
      if (this.active.get(row.kiosk) === run) this.active.delete(row.kiosk);
      this.settling.delete(row.id);
    });
    this.settling.set(row.id, run.settled);
    return row;
  }

  /** Resident pressed Cancel. Allowed until the card is presented. */
  async cancel(id: string): Promise<JournalRow> {
    const row = this.deps.journal.get(id);
    if (!row) throw new HttpError(404, 'not-found', `No payment with id "${id}".`);
    const run = this.active.get(row.kiosk);
    if (!run || run.id !== id || (row.state !== 'pending' && row.state !== 'authorising')) {
      if (row.state === 'cancelled') return row;
      throw new HttpError(409, 'not-cancellable', `This payment is already ${row.state}.`);
    }
    if (!run.cancellable)
      throw new HttpError(
        409,
        'not-cancellable',
        'The card has been presented: the payment can no longer be cancelled here.',
      );
    run.cancelRequested = true;
    if (row.state === 'authorising') {
      await run.terminal
        .abort()
        .catch((error: unknown) => this.deps.logger.warn({ id, err: error }, 'terminal abort failed'));
    }
    return this.deps.journal.get(id) ?? row;
  }

  private async run(run: ActiveRun, row: JournalRow): Promise<void> {
    const { journal, logger } = this.deps;
    // Let the HTTP answer (pending) go out before the terminal starts; a Cancel may arrive meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    failpoint('after-pending');
    if (run.cancelRequested) {
      this.publishResult(
        journal.cancelPending(row.id, 'Cancelled by the resident before the card terminal was asked.'),
      );
      return;
    }
    journal.markAuthorising(row.id);
    failpoint('after-authorising');
    logger.info(
      { payment: row.id, kiosk: row.kiosk, type: row.type, amountPence: row.amount_pence },
      'authorisation started',
    );

    const result = await this.authoriseWithSilenceGuard(run, row);
    if (result === 'gave-up') {
      // The payment is already "unknown" for the resident, but the kiosk stays busy until the driver
      // has let go of the terminal: a new payment started meanwhile would find it mid-transaction.
      await run.terminalDone;
      return;
    }
    this.record(row.id, result);
  }

  /**
   * Waits for the terminal's answer, but not forever: the wait restarts on every prompt (a resident
   * typing a PIN is not silence). If nothing comes for `terminalSilenceSeconds`, the payment becomes
   * "unknown" at once (the resident is told); should the answer arrive later it is still recorded.
   * The driver has its own final-answer timeout (finalAnswerTimeoutMs); this guard is the backstop.
   */
  private authoriseWithSilenceGuard(run: ActiveRun, row: JournalRow): Promise<AuthorisationResult | 'gave-up'> {
    const silenceMs = this.deps.payments.terminalSilenceSeconds * 1000;
    return new Promise((resolve) => {
      let finished = false;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          if (finished) return;
          finished = true;
          this.deps.logger.warn(
            { payment: row.id, kiosk: row.kiosk },
            'no answer from the card terminal; marking the outcome unknown',
          );
          void run.terminal.abort().catch(() => undefined);
          this.publishResult(
            this.deps.journal.complete(
              row.id,
              { outcome: 'unknown', message: 'The card terminal stopped answering before it gave a result.' },
              () => '',
            ),
          );
          resolve('gave-up');
        }, silenceMs);
      };
      arm();
      const onPrompt = (prompt: TerminalPrompt, text: string) => {
        if (finished) return;
        arm();
        if (lockingPrompts.has(prompt)) run.cancellable = false;
        else if (cancellablePrompts.has(prompt)) run.cancellable = true;
        run.prompt = { kind: prompt, text: maskCardData(text) };
        this.deps.events.publish({
          type: 'payment.prompt',
          at: this.deps.clock.now().toISOString(),
          id: row.id,
          kiosk: row.kiosk,
          prompt: run.prompt,
          cancellable: run.cancellable && !run.cancelRequested,
        });
      };
      let answer: Promise<AuthorisationResult>;
      try {
        answer = run.terminal.authorise({ amountPence: row.amount_pence, reference: row.id }, onPrompt);
      } catch (error) {
        answer = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      run.terminalDone = answer.catch(() => undefined);
      void answer
        .catch((error: unknown): AuthorisationResult => ({
          outcome: 'unknown',
          message: `The card terminal connection failed during the payment (${error instanceof Error ? error.message : String(error)}).`,
        }))
        .then((result) => {
          if (timer) clearTimeout(timer);
          if (finished) {
            // Late answer after we gave up: record it (unknown → approved/declined), never re-ask.
            if (result.outcome === 'approved' || result.outcome === 'declined') this.record(row.id, result);
            return;
          }
          finished = true;
          resolve(result);
        });
    });
  }

  private record(id: string, result: AuthorisationResult): void {
    const { journal, logger } = this.deps;
    const current = journal.get(id);
    if (!current) return;
    if (current.state === 'unknown' && result.outcome !== 'approved' && result.outcome !== 'declined') return;
    const context = this.receiptContext(current.type, result.outcome === 'approved' ? result.receiptLines : []);
    const row = journal.complete(id, result, (r, number) => receiptText(r, number, context));
    logger.info(
      { payment: id, kiosk: row.kiosk, outcome: row.state, receipt: row.receipt_number },
      'authorisation finished',
    );
    this.publishResult(row);
    if (row.state === 'approved') {
      failpoint('after-approval');
      void this.printReceipt(row);
    }
  }

  private async printReceipt(row: JournalRow): Promise<void> {
    const printer = this.deps.devices.forKiosk(row.kiosk).receiptPrinter;
    let problem: string;
    if (!printer) problem = 'This kiosk has no receipt printer.';
    else {
      try {
        const outcome = await printer.printReceipt(toPrintout(row.receipt_text ?? ''));
        if (outcome.printed) {
          this.publishResult(this.deps.journal.markReceiptPrinted(row.id));
          return;
        }
        problem = `The receipt did not print (${outcome.reason}): ${outcome.detail}`;
      } catch (error) {
        problem = `The receipt did not print: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    this.deps.logger.warn({ payment: row.id, kiosk: row.kiosk, problem }, 'receipt not printed');
    this.publishResult(this.deps.journal.markReceiptProblem(row.id, problem));
  }

  receiptContext(typeId: string, terminalLines: readonly string[]) {
    const type = this.deps.payments.types.find((t) => t.id === typeId);
    return {
      councilName: this.deps.site.site.councilName,
      siteName: this.deps.site.site.name,
      typeName: type?.name ?? typeId,
      timeZone: this.deps.site.site.timeZone,
      at: this.deps.clock.now().toISOString(),
      footer: this.deps.payments.receiptFooter,
      terminalLines,
    };
  }

  private publishResult(row: JournalRow): void {
    this.deps.events.publish({
      type: 'payment.result',
      at: this.deps.clock.now().toISOString(),
      id: row.id,
      kiosk: row.kiosk,
      state: row.state,
      outcome: outcomeOf(row.state),
    });
  }
}
