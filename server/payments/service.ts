/**
 * Everything the payments routes need for one running server: the journal, the runner, the office
 * ledger, reconciliation and the outbox that joins the kiosk side to the office side.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  IngestItem,
  checkReference,
  type PaymentType,
  type PaymentsConfig,
  type Reconciliation,
  type ReferenceProblem,
  type StartPaymentRequest,
} from '../../contract/payments.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http/errors.js';
import { httpSender } from '../outbox/http-sender.js';
import { Outbox, type OutboxItem } from '../outbox/outbox.js';
import { PaymentJournal, type JournalRow } from './journal.js';
import { OfficeLedger } from './office.js';
import { Reconciler } from './reconciliation.js';
import { receiptText, toPrintout } from './receipt.js';
import { PaymentRunner } from './runner.js';

export const referenceMessages: Record<ReferenceProblem, string> = {
  empty: 'Enter the reference from your bill or notice.',
  'wrong-character': 'This reference has a character in the wrong place: check it against your bill.',
  'too-short': 'This reference is too short: check you have entered all of it.',
  'too-long': 'This reference is too long: check it against your bill.',
  'check-digit': 'This reference is not right: one of the characters may be mistyped. Check it against your bill.',
};

export class PaymentsService {
  readonly outbox: Outbox;
  readonly journal: PaymentJournal;
  readonly runner: PaymentRunner;
  readonly ledger: OfficeLedger;
  readonly reconciler: Reconciler;
  readonly config: PaymentsConfig | undefined;

  /** `officeCredential`: a machine credential to present to the office instead of its token. */
  constructor(
    private readonly ctx: ServerContext,
    officeCredential?: () => string | undefined,
  ) {
    this.config = ctx.config.payments;
    const office = this.config?.office;
    const send = office
      ? httpSender({
          url: `${office.url.replace(/\/+$/, '')}/api/payments/ingest`,
          token: office.token,
          ...(officeCredential ? { machineCredential: officeCredential, clock: ctx.clock } : {}),
        })
      : async (item: OutboxItem) => {
          // This server is the office too: same code path as a remote kiosk, without the network.
          this.ingest(item);
        };
    this.outbox = new Outbox(ctx.db, { name: 'payments', send, clock: ctx.clock, logger: ctx.logger });
    this.journal = new PaymentJournal(ctx.db, ctx.clock, this.outbox);
    this.ledger = new OfficeLedger(ctx.db, ctx.clock, ctx.config.site.timeZone);
    this.reconciler = new Reconciler(ctx.db, ctx.clock, this.journal);
    this.runner = new PaymentRunner({
      journal: this.journal,
      devices: ctx.devices,
      site: ctx.config,
      payments: this.config ?? { types: [], terminalSilenceSeconds: 240, receiptFooter: [] },
      clock: ctx.clock,
      logger: ctx.logger,
      events: ctx.events,
    });
  }

  recover(): void {
    const { unknown, cancelled, receiptMissing } = this.journal.recoverAfterRestart();
    if (unknown.length + cancelled.length + receiptMissing.length > 0)
      this.ctx.logger.warn(
        {
          unknown: unknown.map((r) => r.id),
          cancelled: cancelled.map((r) => r.id),
          receiptMissing: receiptMissing.map((r) => r.id),
        },
        'payments interrupted by the last stop: in-flight authorisations marked outcome unknown (never retried)',
      );
  }

  /** Payment types a kiosk offers (none when it does not offer payments). */
  typesFor(kiosk: string): PaymentType[] {
    const config = this.ctx.config.kiosks.find((k) => k.id === kiosk);
    if (!config) throw new HttpError(404, 'unknown-kiosk', `No kiosk "${kiosk}" in the site config.`, 'kiosk');
    if (!config.offers.includes('payments') || !this.config) return [];
    return this.config.types;
  }

  type(id: string): PaymentType {
    const type = this.config?.types.find((t) => t.id === id);
    if (!type) throw new HttpError(400, 'unknown-type', `There is no payment type "${id}".`, 'type');
    return type;
  }

  validateReference(typeId: string, reference: string) {
    const check = checkReference(this.type(typeId).reference, reference);
    return check.ok
      ? { ok: true as const, reference: check.reference }
      : { ok: false as const, reason: check.reason, message: referenceMessages[check.reason] };
  }

  /** Idempotent on the client's id: the same request again answers the same payment. */
  start(request: StartPaymentRequest): { row: JournalRow; created: boolean } {
    const existing = this.journal.get(request.id);
    const type = this.type(request.type);
    const check = checkReference(type.reference, request.reference);
    if (existing) {
      const same =
        existing.kiosk === request.kiosk &&
        existing.type === request.type &&
        existing.amount_pence === request.amountPence &&
        check.ok &&
        existing.reference === check.reference;
      if (!same)
        throw new HttpError(
          409,
          'id-reused',
          `Payment id "${request.id}" was already used for a different payment.`,
          'id',
        );
      return { row: existing, created: false };
    }
    if (this.typesFor(request.kiosk).every((t) => t.id !== request.type))
      throw new HttpError(
        403,
        'not-offered',
        `Kiosk "${request.kiosk}" does not take payments of type "${request.type}".`,
        'kiosk',
      );
    if (!check.ok) throw new HttpError(422, `reference-${check.reason}`, referenceMessages[check.reason], 'reference');
    if (type.amount.mode === 'fixed' && request.amountPence !== type.amount.pence)
      throw new HttpError(
        422,
        'amount-fixed',
        `${type.name} is a fixed amount of ${type.amount.pence} pence.`,
        'amountPence',
      );
    if (request.amountPence < type.minPence || request.amountPence > type.maxPence)
      throw new HttpError(
        422,
        'amount-out-of-range',
        `The amount for ${type.name} must be between ${type.minPence} and ${type.maxPence} pence.`,
        'amountPence',
      );
    const row = this.runner.start({
      id: request.id,
      kiosk: request.kiosk,
      type: request.type,
      reference: check.reference,
      amountPence: request.amountPence,
    });
    return { row, created: true };
  }

  /** `fromKiosk`: the enrolled kiosk that sent it, whose own payments alone it may deliver. */
  ingest(body: unknown, fromKiosk?: string): { stored: boolean } {
    const parsed = IngestItem.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(
        400,
        'invalid-input',
        `"${issue?.path.join('.') ?? 'body'}": ${issue?.message ?? 'not valid'}`,
        issue?.path.join('.'),
      );
    }
    if (parsed.data.id !== `${parsed.data.payload.payment.id}:v${parsed.data.payload.version}`)
      throw new HttpError(400, 'invalid-input', 'The item id must be "<payment id>:v<version>".', 'id');
    const kiosk = parsed.data.payload.payment.kiosk;
    if (fromKiosk !== undefined && kiosk !== fromKiosk)
      throw new HttpError(
        403,
        'not-this-kiosks-payment',
        `Kiosk ${fromKiosk} may deliver only its own payments; this one was taken at kiosk "${kiosk}". Nothing was stored.`,
        'payload.payment.kiosk',
      );
    return this.ledger.ingest(parsed.data.payload.version, parsed.data.payload.payment);
  }

  async reprint(receiptNumber: string, by: string): Promise<{ printed: boolean; detail: string | null }> {
    const row = this.journal.byReceiptNumber(receiptNumber);
    if (!row || !row.receipt_text)
      throw new HttpError(404, 'not-found', `No receipt number "${receiptNumber}" in this kiosk's journal.`);
    const printer = this.ctx.devices.forKiosk(row.kiosk).receiptPrinter;
    if (!printer) throw new HttpError(503, 'printer-unavailable', `Kiosk "${row.kiosk}" has no receipt printer.`);
    const outcome = await printer.printReceipt(toPrintout(row.receipt_text, true));
    this.ctx.logger.info({ receipt: receiptNumber, by, printed: outcome.printed }, 'receipt reprinted');
    if (outcome.printed && row.state === 'approved' && row.receipt_problem) this.journal.markReceiptPrinted(row.id);
    return outcome.printed ? { printed: true, detail: null } : { printed: false, detail: outcome.detail };
  }

  resolve(
    id: string,
    settle: { outcome: 'approved' | 'declined'; note: string; authCode?: string; cardScheme?: string },
    by: string,
  ): JournalRow {
    const row = this.journal.get(id);
    if (!row) throw new HttpError(404, 'not-found', `No payment with id "${id}".`);
    if (row.state !== 'unknown')
      throw new HttpError(
        409,
        'not-unknown',
        `Only payments with outcome unknown can be settled; this one is ${row.state}.`,
      );
    const context = this.runner.receiptContext(row.type, []);
    return this.journal.resolve(id, { ...settle, by }, (r, number) => receiptText(r, number, context));
  }

  async reconcile(kiosk: string): Promise<Reconciliation> {
    if (!this.ctx.config.kiosks.some((k) => k.id === kiosk))
      throw new HttpError(404, 'unknown-kiosk', `No kiosk "${kiosk}" in the site config.`, 'kiosk');
    const terminal = this.ctx.devices.forKiosk(kiosk).cardTerminal;
    if (!terminal) throw new HttpError(503, 'terminal-unavailable', `Kiosk "${kiosk}" has no card terminal.`);
    if (this.journal.inStates(kiosk, ['pending', 'authorising']).length > 0)
      throw new HttpError(
        409,
        'terminal-busy',
        'A payment is in progress on this kiosk: try the end of day again in a minute.',
      );
    let totals;
    try {
      totals = await terminal.endOfDay();
    } catch (error) {
      throw new HttpError(
        503,
        'terminal-unavailable',
        `The card terminal did not give its totals: ${error instanceof Error ? error.message : String(error)} Try again in a minute.`,
      );
    }
    return this.reconciler.record(kiosk, totals);
  }

  /** Builds the day's CSV and keeps a copy in <data>/exports for the income system's pick-up. */
  exportDay(date: string): { csv: string; file: string; count: number; totalPence: number } {
    const types = this.config?.types ?? [];
    const result = this.ledger.exportCsv(date, types);
    const dir = join(this.ctx.dataDir, 'exports');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `payments-${date}.csv`);
    writeFileSync(file, result.csv);
    return { ...result, file };
  }
}
