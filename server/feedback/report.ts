/**
 * The feedback report, computed from stored rows: pure functions, so the arithmetic is tested without
 * a server. Only counted taps enter the figures; debounced ones are reported as `notCounted`.
 */
import {
  feedbackRatings,
  WaitTargetBucket,
  type FeedbackRating,
  type FeedbackReasons,
  type FeedbackReport,
  type FeedbackTally,
  type ReasonCount,
} from '../../contract/feedback.js';
import { toCsv, type CsvRow } from '../../contract/csv.js';
import type { TicketReader, TicketWait } from '../queue/ticket-reader.js';
import type { FeedbackRow } from './store.js';
import { zonedKeysAt } from '../zoned-time.js';

/** A ticket's service and wait, from the queue's reader; undefined when there is no such ticket. */
export type TicketLookup = TicketReader['waitOf'];

/** Govmetric net satisfaction: (good − poor) / all, from −1 to +1; null when there are no responses. */
export function netSatisfaction(good: number, poor: number, all: number): number | null {
  return all === 0 ? null : (good - poor) / all;
}

class Tally {
  good = 0;
  average = 0;
  poor = 0;
  add(rating: FeedbackRating): void {
    this[rating]++;
  }
  get all(): number {
    return this.good + this.average + this.poor;
  }
  toJson(key: string): FeedbackTally {
    return {
      key,
      good: this.good,
      average: this.average,
      poor: this.poor,
      all: this.all,
      netSatisfaction: netSatisfaction(this.good, this.poor, this.all),
    };
  }
}

class TallyMap {
  private readonly tallies = new Map<string, Tally>();
  add(key: string, rating: FeedbackRating): void {
    let tally = this.tallies.get(key);
    if (!tally) this.tallies.set(key, (tally = new Tally()));
    tally.add(rating);
  }
  /** Sorted by key unless `keys` fixes the order (and lists keys to show even when empty). */
  toJson(keys?: readonly string[]): FeedbackTally[] {
    const order = keys ?? [...this.tallies.keys()].sort();
    return order.map((key) => (this.tallies.get(key) ?? new Tally()).toJson(key));
  }
}

/**
 * Which side of the wait standard the respondent's ticket fell. Wait = first call − issue; within
 * means ≤ target (docs/queue.md). Never called: closed after the target is a breach (over-target),
 * otherwise "not-called" (left, or still waiting).
 */
export function waitTargetBucket(ticket: TicketWait | undefined, targetSeconds: number): WaitTargetBucket {
  if (!ticket) return 'not-linked';
  const issued = Date.parse(ticket.issuedAt);
  if (ticket.calledAt)
    return Date.parse(ticket.calledAt) - issued <= targetSeconds * 1000 ? 'within-target' : 'over-target';
  if (ticket.closedAt && Date.parse(ticket.closedAt) - issued > targetSeconds * 1000) return 'over-target';
  return 'not-called';
}

export interface FeedbackReportInput {
  rows: readonly FeedbackRow[];
  from: Date;
  to: Date;
  reasons: FeedbackReasons;
  waitTargetSeconds: number;
  timeZone: string;
  lookupTicket: TicketLookup;
}

export function buildFeedbackReport(input: FeedbackReportInput): FeedbackReport {
  const total = new Tally();
  const byTouchpoint = new TallyMap();
  const byService = new TallyMap();
  const byDay = new TallyMap();
  const byWaitTarget = new TallyMap();
  const byHour = new TallyMap();
  const reasonCounts = new Map<string, number>();
  let notCounted = 0;
  let withoutReason = 0;

  for (const row of input.rows) {
    if (!row.counted) {
      notCounted++;
      continue;
    }
    const zoned = zonedKeysAt(Date.parse(row.tappedAt), input.timeZone);
    total.add(row.rating);
    byTouchpoint.add(row.touchpoint, row.rating);
    byService.add(row.service ?? 'none', row.rating);
    byDay.add(zoned.day, row.rating);
    byHour.add(zoned.hour, row.rating);
    byWaitTarget.add(
      waitTargetBucket(row.ticket ? input.lookupTicket(row.ticket) : undefined, input.waitTargetSeconds),
      row.rating,
    );
    if (row.reason)
      reasonCounts.set(`${row.rating}/${row.reason}`, (reasonCounts.get(`${row.rating}/${row.reason}`) ?? 0) + 1);
    else withoutReason++;
  }

  const { key: _total, ...totals } = total.toJson('all');
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    waitTargetSeconds: input.waitTargetSeconds,
    ...totals,
    notCounted,
    withoutReason,
    reasons: reasonList(input.reasons, reasonCounts),
    byTouchpoint: byTouchpoint.toJson(),
    byService: byService.toJson(),
    byDay: byDay.toJson(),
    byWaitTarget: byWaitTarget.toJson(WaitTargetBucket.options),
    byHour: byHour.toJson(),
  };
}

/** Every configured reason (zero included, in config order), then any stored reason no longer configured. */
function reasonList(reasons: FeedbackReasons, counts: Map<string, number>): ReasonCount[] {
  const list: ReasonCount[] = [];
  const seen = new Set<string>();
  for (const rating of feedbackRatings) {
    for (const reason of reasons[rating]) {
      const key = `${rating}/${reason.id}`;
      seen.add(key);
      list.push({ rating, reason: reason.id, label: reason.label, count: counts.get(key) ?? 0 });
    }
  }
  for (const [key, count] of counts) {
    if (seen.has(key)) continue;
    const [rating, reason] = key.split('/') as [FeedbackRating, string];
    list.push({ rating, reason, label: reason, count });
  }
  return list;
}

/** One table for spreadsheets: a row per slice, then a row per reason. */
export function feedbackReportCsv(report: FeedbackReport): string {
  const rows: CsvRow[] = [['breakdown', 'key', 'good', 'average', 'poor', 'all', 'net_satisfaction']];
  const tallyRow = (breakdown: string, t: Omit<FeedbackTally, 'key'> & { key: string }): CsvRow => [
    breakdown,
    t.key,
    t.good,
    t.average,
    t.poor,
    t.all,
    t.netSatisfaction === null ? null : t.netSatisfaction.toFixed(3),
  ];
  rows.push(tallyRow('total', { ...report, key: 'all' }));
  for (const [breakdown, tallies] of [
    ['touchpoint', report.byTouchpoint],
    ['service', report.byService],
    ['day', report.byDay],
    ['wait_target', report.byWaitTarget],
    ['hour', report.byHour],
  ] as const) {
    for (const t of tallies) rows.push(tallyRow(breakdown, t));
  }
  rows.push([]);
  rows.push(['rating', 'reason', 'label', 'count']);
  for (const r of report.reasons) rows.push([r.rating, r.reason, r.label, r.count]);
  rows.push([]);
  rows.push(['not_counted', report.notCounted]);
  return toCsv(rows);
}
