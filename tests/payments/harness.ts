/**
 * In-process payments server for unit and API tests: the real payments module, fastify, a real SQLite
 * file and the real outbox, with an in-process fake terminal and printer (the byte-level ZVT
 * simulator is used by the process tests in crash.test.ts and the browser tests).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { SiteConfig } from '../../contract/config.js';
import type { DeviceState } from '../../contract/devices.js';
import type {
  AuthorisationRequest,
  AuthorisationResult,
  EndOfDayTotals,
  PaymentTerminal,
  PrintOutcome,
  Printer,
  DeviceDirectory,
  KioskDevices,
  ReceiptPrintout,
  TerminalPrompt,
} from '../../hardware/types.js';
import { authMigrations } from '../../server/auth/migrations.js';
import { createRequireStaff } from '../../server/auth/require-staff.js';
import { StaffAccounts } from '../../server/auth/staff.js';
import { ManualClock } from '../../server/clock.js';
import type { ServerContext } from '../../server/context.js';
import type { ServerEvent } from '../../contract/events.js';
import { EventHub } from '../../server/events.js';
import { handleErrors, parseJsonBodies } from '../../server/http/error-handling.js';
import { paymentMigrations } from '../../server/payments/migrations.js';
import { createPaymentsModule, type PaymentsModuleOptions } from '../../server/payments/module.js';
import type { PaymentsService } from '../../server/payments/service.js';
import { openDatabase, type Db } from '../../server/store/database.js';

/** The staff account every harness has, signed in: its requests carry `Harness.staff.headers`. */
const staffAccount = { username: 'r.okafor', password: 'harness-password', displayName: 'Rita Okafor' };

export function testSite(overrides: Record<string, unknown> = {}): SiteConfig {
  return SiteConfig.parse({
    site: { id: 'test', name: 'Mandela House', councilName: 'Test City Council', timeZone: 'Europe/London' },
    services: [{ id: 'housing', name: 'Housing', prefix: 'H' }],
    desks: [{ id: 'desk-1', name: 'Desk 1' }],
    kiosks: [
      { id: 'kiosk-1', name: 'Entrance', offers: ['tickets', 'payments'] },
      { id: 'kiosk-2', name: 'Upstairs', offers: ['tickets'] },
    ],
    payments: {
      types: [
        {
          id: 'council-tax',
          name: 'Council tax',
          reference: { mask: '########', checkDigit: 'mod11', example: '12345679' },
          minPence: 100,
          maxPence: 500000,
          incomeCode: 'CTAX',
        },
        {
          id: 'housing-rent',
          name: 'Housing rent',
          reference: { mask: '##########', checkDigit: 'luhn', example: '1234567897' },
          minPence: 100,
          maxPence: 300000,
          incomeCode: 'HRA',
        },
        {
          id: 'parking-pcn',
          name: 'Parking PCN',
          reference: { mask: '@@########', checkDigit: 'mod11-alpha', example: 'CU00123456' },
          minPence: 500,
          maxPence: 19500,
          incomeCode: 'PCN',
        },
        {
          id: 'council-invoice',
          name: 'Council invoice',
          reference: { mask: 'INV#######', checkDigit: 'mod10-31', example: 'INV1234565' },
          minPence: 100,
          maxPence: 1000000,
          incomeCode: 'SUNDRY',
        },
        {
          id: 'bulky-waste',
          name: 'Bulky waste collection',
          reference: { mask: '######', checkDigit: 'none', example: '123456' },
          minPence: 3500,
          maxPence: 3500,
          amount: { mode: 'fixed', pence: 3500 },
          incomeCode: 'WASTE',
        },
      ],
      terminalSilenceSeconds: 10,
      receiptFooter: ['Keep this receipt.'],
      ...((overrides.payments as object | undefined) ?? {}),
    },
    ...Object.fromEntries(Object.entries(overrides).filter(([k]) => k !== 'payments')),
  });
}

type Step = { prompt: TerminalPrompt; text: string; afterMs?: number };
export type Script = { steps: Step[]; result: AuthorisationResult | 'hang' | 'throw'; resultAfterMs?: number };

export const approved = (
  amountPence: number,
  extra: Partial<Extract<AuthorisationResult, { outcome: 'approved' }>> = {},
): AuthorisationResult => ({
  outcome: 'approved',
  amountPence,
  authCode: 'A1B2C3',
  cardScheme: 'VISA',
  lastFour: '0119',
  terminalId: '52500038',
  traceNumber: '000123',
  receiptLines: ['VISA CONTACTLESS', 'PAN ************0119', 'AUTH A1B2C3'],
  ...extra,
});

/** A PaymentTerminal that follows a script per authorisation and counts what it was asked. */
export class FakeTerminal implements PaymentTerminal {
  readonly requests: AuthorisationRequest[] = [];
  aborts = 0;
  script: Script = { steps: [{ prompt: 'present-card', text: 'Present card' }], result: 'hang' };
  health: DeviceState['health'] = 'ok';
  totals: EndOfDayTotals = { totalPence: 0, count: 0, byScheme: [] };
  /** A terminal that does not react to the ECR's abort (some do not, mid-transaction). */
  ignoreAbort = false;
  private abortCurrent: (() => void) | null = null;
  private finishCurrent: ((result: AuthorisationResult) => void) | null = null;

  /** Gives the running authorisation its final answer now (e.g. a late one). */
  finish(result: AuthorisationResult): void {
    this.finishCurrent?.(result);
  }

  async authorise(
    request: AuthorisationRequest,
    onPrompt: (prompt: TerminalPrompt, text: string) => void,
  ): Promise<AuthorisationResult> {
    this.requests.push(request);
    const script = this.script;
    return new Promise<AuthorisationResult>((resolve, reject) => {
      let aborted = false;
      this.finishCurrent = (result) => {
        aborted = true;
        resolve(result);
      };
      this.abortCurrent = () => {
        aborted = true;
        resolve({ outcome: 'cancelled', message: 'Cancelled at the terminal' });
      };
      void (async () => {
        for (const step of script.steps) {
          await sleep(step.afterMs ?? 5);
          if (aborted) return;
          onPrompt(step.prompt, step.text);
        }
        if (script.result === 'hang') return;
        await sleep(script.resultAfterMs ?? 5);
        if (aborted) return;
        this.abortCurrent = null;
        if (script.result === 'throw') reject(new Error('serial port closed'));
        else resolve(script.result);
      })();
    });
  }
  async abort(): Promise<void> {
    this.aborts++;
    if (this.ignoreAbort) return;
    this.abortCurrent?.();
    this.abortCurrent = null;
  }
  async endOfDay(): Promise<EndOfDayTotals> {
    return this.totals;
  }
  state(): DeviceState {
    return {
      id: 'card-terminal',
      kind: 'card-terminal',
      health: this.health,
      reason: null,
      detail: null,
      kiosk: 'kiosk-1',
      updatedAt: new Date().toISOString(),
    };
  }
}

export class FakePrinter implements Printer {
  readonly receipts: ReceiptPrintout[] = [];
  outcome: PrintOutcome = { printed: true };
  async printTicket(): Promise<PrintOutcome> {
    return { printed: true };
  }
  async printReceipt(receipt: ReceiptPrintout): Promise<PrintOutcome> {
    if (this.outcome.printed) this.receipts.push(receipt);
    return this.outcome;
  }
  state(): DeviceState {
    return {
      id: 'receipt-printer',
      kind: 'receipt-printer',
      health: 'ok',
      reason: null,
      detail: null,
      kiosk: 'kiosk-1',
      updatedAt: new Date().toISOString(),
    };
  }
}

export interface Harness {
  app: FastifyInstance;
  ctx: ServerContext;
  service: PaymentsService;
  terminal: FakeTerminal;
  printer: FakePrinter;
  clock: ManualClock;
  /** A real staff sign-in (the server's own accounts and sessions), so staff actions record who did them. */
  staff: { username: string; headers: { authorization: string } };
  events: ServerEvent[];
  dataDir: string;
  dbFile: string;
  /** Closes this server (the data folder stays, for restart tests). */
  close: () => Promise<void>;
  /** Closes and deletes the data folder. */
  dispose: () => Promise<void>;
}

export async function startHarness(
  options: {
    config?: SiteConfig;
    dataDir?: string;
    terminal?: FakeTerminal;
    printer?: FakePrinter;
    clock?: ManualClock;
    logger?: Logger;
    payments?: PaymentsModuleOptions;
  } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'payments-'));
  const dbFile = join(dataDir, 'reception.sqlite');
  const db: Db = openDatabase(dbFile, paymentMigrations);
  const terminal = options.terminal ?? new FakeTerminal();
  const printer = options.printer ?? new FakePrinter();
  const clock = options.clock ?? new ManualClock(new Date('2026-11-27T10:00:00Z'));
  // Accounts and sessions in memory: the data folder holds only what payments wrote (the PCI scan reads it).
  const staffDb = openDatabase(':memory:', authMigrations);
  const accounts = new StaffAccounts(staffDb, clock);
  await accounts.upsert(staffAccount.username, staffAccount.password, staffAccount.displayName);
  const session = await accounts.signIn(staffAccount.username, staffAccount.password);
  if (!session) throw new Error('the harness staff account could not sign in');
  const events: ServerEvent[] = [];
  const hub = new EventHub();
  hub.subscribe((event) => events.push(event));
  const devices: DeviceDirectory = {
    forKiosk: (id: string): KioskDevices =>
      id === 'kiosk-1' ? { cardTerminal: terminal, receiptPrinter: printer } : {},
    states: () => [],
    onChange: () => () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
  };
  const ctx: ServerContext = {
    db,
    clock,
    config: options.config ?? testSite(),
    logger: options.logger ?? pino({ level: 'silent' }),
    events: hub,
    devices,
    dataDir,
    requireStaff: createRequireStaff(accounts),
    baseUrl: () => '',
  };
  const app = Fastify();
  parseJsonBodies(app);
  handleErrors(app, ctx.logger);
  const payments = createPaymentsModule(options.payments);
  await payments.register(app, ctx);
  await app.ready();
  const service = payments.service();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await payments.stop?.(ctx);
    await app.close();
    db.close();
    staffDb.close();
  };
  return {
    app,
    ctx,
    service,
    terminal,
    printer,
    clock,
    staff: { username: session.identity.username, headers: { authorization: `Bearer ${session.token}` } },
    events,
    dataDir,
    dbFile,
    close,
    dispose: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
