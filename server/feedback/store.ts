/**
 * The feedback table. One row per tap the server ever accepted, counted or not, so a repeat of an id
 * is recognised forever and debounced taps can still be reported as "not counted".
 */
import type { FeedbackRating, Touchpoint } from '../../contract/feedback.js';
import type { Db, Migration, Statement } from '../store/database.js';

export const feedbackMigrations: readonly Migration[] = [
  {
    id: 'feedback-001-responses',
    sql: `
      CREATE TABLE feedback_responses (
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        touchpoint TEXT NOT NULL,
        -- "kiosk:<id>" or "desk:<id>": the physical screen the debounce applies to; NULL when unknown.
        screen TEXT,
        kiosk TEXT,
        desk TEXT,
        service TEXT,
        ticket TEXT,
        rating TEXT NOT NULL CHECK (rating IN ('good', 'average', 'poor')),
        reason TEXT,
        tapped_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        counted INTEGER NOT NULL CHECK (counted IN (0, 1))
      );
      CREATE INDEX feedback_responses_screen ON feedback_responses (screen, tapped_at) WHERE counted = 1;
      CREATE INDEX feedback_responses_tapped ON feedback_responses (tapped_at);
    `,
  },
];

export interface FeedbackRow {
  id: string;
  site: string;
  touchpoint: Touchpoint;
  screen: string | null;
  kiosk: string | null;
  desk: string | null;
  service: string | null;
  ticket: string | null;
  rating: FeedbackRating;
  reason: string | null;
  /** UTC ISO with milliseconds, so text order is time order. */
  tappedAt: string;
  receivedAt: string;
  counted: boolean;
}

interface DbRow {
  id: string;
  site: string;
  touchpoint: string;
  screen: string | null;
  kiosk: string | null;
  desk: string | null;
  service: string | null;
  ticket: string | null;
  rating: string;
  reason: string | null;
  tapped_at: string;
  received_at: string;
  counted: number;
}

const columns =
  'id, site, touchpoint, screen, kiosk, desk, service, ticket, rating, reason, tapped_at, received_at, counted';

function fromDb(row: DbRow): FeedbackRow {
  return {
    id: row.id,
    site: row.site,
    touchpoint: row.touchpoint as Touchpoint,
    screen: row.screen,
    kiosk: row.kiosk,
    desk: row.desk,
    service: row.service,
    ticket: row.ticket,
    rating: row.rating as FeedbackRating,
    reason: row.reason,
    tappedAt: row.tapped_at,
    receivedAt: row.received_at,
    counted: row.counted === 1,
  };
}

export class FeedbackStore {
  private readonly byId: Statement<[string], DbRow>;
  private readonly countedTapBetween: Statement<[string, string, string], number>;
  private readonly insertRow: Statement<[Omit<FeedbackRow, 'counted'> & { counted: 0 | 1 }]>;
  private readonly tappedBetween: Statement<[string, string], DbRow>;
  private readonly countAll: Statement<[], number>;

  constructor(db: Db) {
    this.byId = db.prepare(`SELECT ${columns} FROM feedback_responses WHERE id = ?`);
    this.countedTapBetween = db
      .prepare<[string, string, string], number>(
        'SELECT 1 FROM feedback_responses WHERE screen = ? AND counted = 1 AND tapped_at > ? AND tapped_at <= ? LIMIT 1',
      )
      .pluck();
    this.insertRow = db.prepare(
      `INSERT INTO feedback_responses (${columns})
       VALUES (@id, @site, @touchpoint, @screen, @kiosk, @desk, @service, @ticket, @rating, @reason, @tappedAt, @receivedAt, @counted)`,
    );
    this.tappedBetween = db.prepare(
      `SELECT ${columns} FROM feedback_responses WHERE tapped_at >= ? AND tapped_at < ? ORDER BY tapped_at, id`,
    );
    this.countAll = db.prepare<[], number>('SELECT COUNT(*) FROM feedback_responses').pluck();
  }

  find(id: string): FeedbackRow | undefined {
    const row = this.byId.get(id);
    return row ? fromDb(row) : undefined;
  }

  /** A counted tap on the same screen at or before `tappedAt` and less than `windowMs` before it. */
  countedTapWithin(screen: string, tappedAt: string, windowMs: number): boolean {
    const windowStart = new Date(new Date(tappedAt).getTime() - windowMs).toISOString();
    return this.countedTapBetween.get(screen, windowStart, tappedAt) !== undefined;
  }

  insert(row: FeedbackRow): void {
    this.insertRow.run({ ...row, counted: row.counted ? 1 : 0 });
  }

  /** Every stored tap with `from <= tapped_at < to`, oldest first. */
  between(from: Date, to: Date): FeedbackRow[] {
    return this.tappedBetween.all(from.toISOString(), to.toISOString()).map(fromDb);
  }

  count(): number {
    return this.countAll.get() ?? 0;
  }
}
