/**
 * A transactional outbox: records that must reach another server are written to the local SQLite
 * file in the same transaction as the change that produced them, then sent in the background.
 *
 * - At least once: an item is marked sent only after `send` resolved. A crash between the receiver
 *   storing it and us marking it sent means it is sent again, so receivers must be idempotent on `id`.
 * - Retries with exponential backoff (with jitter) while the receiver is unreachable; never gives up,
 *   the attempt count and last error are kept for the operations screen.
 * - An item the receiver refuses (`send` throws DeliveryRefused) is never marked sent or dropped: it is
 *   kept and counted as refused, the items after it go on, and it is offered again only every
 *   maxDelayMs, so it reaches the receiver once the cause there is fixed.
 * - `enqueue` is synchronous (better-sqlite3), so it joins the caller's open transaction: the record
 *   and the item to send are committed together or not at all.
 * - Several outboxes share one table, told apart by `name`.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db, Statement } from '../store/database.js';

/** Thrown by `send` when the receiver answered that it will not take this item as it is. */
export class DeliveryRefused extends Error {
  override name = 'DeliveryRefused';
}

export interface OutboxItem {
  id: string;
  kind: string;
  payload: unknown;
}

export interface OutboxOptions {
  /** Distinguishes this outbox's items in the shared table, e.g. "payments". */
  name: string;
  /**
   * Deliver one item; resolve only when the receiver has stored it. Throw DeliveryRefused when the
   * receiver refused this item, any other error when it may take it later.
   */
  send: (item: OutboxItem) => Promise<void>;
  clock: Clock;
  logger: Logger;
  /** First retry delay; doubles per failed attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often the background loop looks for due items (real time). */
  pollIntervalMs?: number;
  /** Items sent per pass. */
  batchSize?: number;
  /** Randomness for jitter (tests pass () => 0.5 for exact delays). */
  random?: () => number;
}

export interface OutboxStatus {
  name: string;
  pending: number;
  /** Of the pending items, those the receiver refused when last answered. */
  refused: number;
  sent: number;
  oldestPendingAt: string | null;
  lastError: string | null;
}

export interface SendPassResult {
  sent: number;
  /** Tried and not sent, refused ones included. */
  failed: number;
}

interface Row {
  id: string;
  kind: string;
  payload: string;
  attempts: number;
}

const createTable = `
CREATE TABLE IF NOT EXISTS outbox_items (
  outbox TEXT NOT NULL,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  sent_at TEXT,
  refused_at TEXT,
  PRIMARY KEY (outbox, id)
);
CREATE INDEX IF NOT EXISTS outbox_items_due ON outbox_items (outbox, sent_at, next_attempt_at);
`;

export class Outbox {
  private readonly name: string;
  private readonly sendItem: (item: OutboxItem) => Promise<void>;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private pass: Promise<SendPassResult> | null = null;
  private readonly insert: Statement<[string, string, string, string, string, string]>;
  private readonly counts: Statement<
    [string],
    { pending: number | null; refused: number | null; sent: number | null; oldest: string | null }
  >;
  private readonly latestError: Statement<[string], string>;
  private readonly unsent: Statement<[string, number], Row>;
  private readonly due: Statement<[string, string, number], Row>;
  private readonly markSent: Statement<[string, string, string]>;
  private readonly markFailed: Statement<[number, string, string, string, string]>;
  private readonly markRefused: Statement<[number, string, string, string, string, string]>;

  constructor(
    private readonly db: Db,
    options: OutboxOptions,
  ) {
    this.name = options.name;
    this.sendItem = options.send;
    this.clock = options.clock;
    this.logger = options.logger.child({ outbox: options.name });
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.batchSize = options.batchSize ?? 50;
    this.random = options.random ?? Math.random;
    // Idempotent DDL instead of a module migration: several modules use outboxes and none owns the table.
    db.exec(createTable);
    const columns = db.prepare("SELECT name FROM pragma_table_info('outbox_items')").pluck().all();
    if (!columns.includes('refused_at')) db.exec('ALTER TABLE outbox_items ADD COLUMN refused_at TEXT');
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO outbox_items (outbox, id, kind, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.counts = db.prepare(
      `SELECT
         SUM(CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END) AS pending,
         SUM(CASE WHEN sent_at IS NULL AND refused_at IS NOT NULL THEN 1 ELSE 0 END) AS refused,
         SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END) AS sent,
         MIN(CASE WHEN sent_at IS NULL THEN created_at END) AS oldest
       FROM outbox_items WHERE outbox = ?`,
    );
    this.latestError = db
      .prepare<[string], string>(
        'SELECT last_error FROM outbox_items WHERE outbox = ? AND sent_at IS NULL AND last_error IS NOT NULL ORDER BY created_at DESC LIMIT 1',
      )
      .pluck();
    this.unsent = db.prepare(
      'SELECT id, kind, payload, attempts FROM outbox_items WHERE outbox = ? AND sent_at IS NULL ORDER BY next_attempt_at, created_at, id LIMIT ?',
    );
    this.due = db.prepare(
      'SELECT id, kind, payload, attempts FROM outbox_items WHERE outbox = ? AND sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT ?',
    );
    this.markSent = db.prepare(
      'UPDATE outbox_items SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE outbox = ? AND id = ?',
    );
    this.markFailed = db.prepare(
      'UPDATE outbox_items SET attempts = ?, next_attempt_at = ?, last_error = ?, refused_at = NULL WHERE outbox = ? AND id = ?',
    );
    this.markRefused = db.prepare(
      'UPDATE outbox_items SET attempts = ?, next_attempt_at = ?, last_error = ?, refused_at = ? WHERE outbox = ? AND id = ?',
    );
  }

  /**
   * Queue an item. Synchronous, so it commits with the caller's transaction. Enqueuing the same id
   * again is ignored (the first payload wins): callers may retry their own work safely.
   */
  enqueue(kind: string, id: string, payload: unknown): void {
    const now = this.clock.now().toISOString();
    this.insert.run(this.name, id, kind, JSON.stringify(payload), now, now);
    if (this.running) this.schedule(0);
  }

  /** Start sending in the background: due items now, then every poll interval. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stop the background loop and wait for a send pass in progress. Unsent items stay queued. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pass) await this.pass.catch(() => undefined);
  }

  /** Try every unsent item once now, ignoring backoff (operator "send now", shutdown, tests). */
  async flush(): Promise<SendPassResult> {
    return this.runPass(true);
  }

  /** Send the items whose retry time has come (what the background loop does). */
  async sendDue(): Promise<SendPassResult> {
    return this.runPass(false);
  }

  status(): OutboxStatus {
    const row = this.counts.get(this.name);
    const lastError = this.latestError.get(this.name);
    return {
      name: this.name,
      pending: row?.pending ?? 0,
      refused: row?.refused ?? 0,
      sent: row?.sent ?? 0,
      oldestPendingAt: row?.oldest ?? null,
      lastError: lastError ?? null,
    };
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runPass(false)
        .catch((error: unknown) => this.logger.error({ err: error }, 'outbox pass failed'))
        .finally(() => this.schedule(this.pollIntervalMs));
    }, delayMs);
    this.timer.unref();
  }

  private runPass(ignoreBackoff: boolean): Promise<SendPassResult> {
    // One pass at a time: a second caller waits for the running pass, then runs its own.
    const previous = this.pass ?? Promise.resolve({ sent: 0, failed: 0 });
    const next = previous.catch(() => undefined).then(() => this.sendBatch(ignoreBackoff));
    this.pass = next;
    void next
      .finally(() => {
        if (this.pass === next) this.pass = null;
      })
      .catch(() => undefined);
    return next;
  }

  private async sendBatch(ignoreBackoff: boolean): Promise<SendPassResult> {
    const now = this.clock.now().toISOString();
    const rows = ignoreBackoff
      ? this.unsent.all(this.name, this.batchSize)
      : this.due.all(this.name, now, this.batchSize);
    let sent = 0;
    let failed = 0;
    for (const row of rows) {
      try {
        await this.sendItem({ id: row.id, kind: row.kind, payload: JSON.parse(row.payload) as unknown });
        this.markSent.run(this.clock.now().toISOString(), this.name, row.id);
        sent++;
      } catch (error) {
        failed++;
        const attempts = row.attempts + 1;
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof DeliveryRefused) {
          this.markRefused.run(
            attempts,
            new Date(this.clock.now().getTime() + this.maxDelayMs).toISOString(),
            message.slice(0, 500),
            this.clock.now().toISOString(),
            this.name,
            row.id,
          );
          this.logger.error(
            { id: row.id, kind: row.kind, attempts, retryInMs: this.maxDelayMs, reason: message },
            'receiver refused an outbox item; kept, and offered again later',
          );
          // The receiver is up and judged this item alone: the next ones may go.
          continue;
        }
        const delay = this.backoff(attempts);
        this.markFailed.run(
          attempts,
          new Date(this.clock.now().getTime() + delay).toISOString(),
          message.slice(0, 500),
          this.name,
          row.id,
        );
        this.logger.warn(
          { id: row.id, kind: row.kind, attempts, retryInMs: delay, reason: message },
          'outbox send failed; will retry',
        );
        // The receiver is probably down: leave the rest of the batch for the next pass.
        break;
      }
    }
    return { sent, failed };
  }

  /** base × 2^(attempts−1), capped, with ±25 % jitter so many kiosks do not retry in step. */
  private backoff(attempts: number): number {
    const exponential = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(attempts - 1, 30));
    const jitter = 0.75 + this.random() * 0.5;
    return Math.round(Math.min(this.maxDelayMs, exponential * jitter));
  }
}
