/**
 * The wait standard, by the definitions in DESIGN.md ("Definitions that reports depend on"):
 *
 * - wait = first call − issue (recalls do not move it; a transfer keeps both);
 * - within target: wait ≤ target; a called ticket waiting longer is a breach;
 * - never called and closed after waiting longer than the target: a breach; closed sooner: "left",
 *   outside the percentage;
 * - never called and still waiting: a breach once past the target (it can no longer be within it),
 *   otherwise "pending", outside the percentage until it is decided.
 *
 * percentWithinTarget = withinTarget ÷ (withinTarget + breaches). The wait statistics (median,
 * 90th percentile, longest) are over measured waits, i.e. tickets that were called.
 */
import type { WaitStandardBreakdown, WaitStandardReport } from '../../contract/queue.js';
import type { IssuedTicketTimes } from '../queue/ticket-reader.js';
import { zonedHour } from '../zoned-time.js';

const secondsBetween = (fromIso: string, toIso: string): number => (Date.parse(toIso) - Date.parse(fromIso)) / 1000;

/** A ticket issued in the period, from the queue's TicketReader. */
export type MeasuredTicket = IssuedTicketTimes;

export type Outcome =
  { kind: 'within' | 'breach'; waitSeconds: number | null } | { kind: 'left' | 'pending'; waitSeconds: null };

export function classify(ticket: MeasuredTicket, targetSeconds: number, now: Date): Outcome {
  if (ticket.calledAt !== null) {
    const wait = secondsBetween(ticket.issuedAt, ticket.calledAt);
    return { kind: wait <= targetSeconds ? 'within' : 'breach', waitSeconds: wait };
  }
  const endedAt = ticket.state === 'waiting' ? null : ticket.completedAt;
  if (endedAt !== null)
    return secondsBetween(ticket.issuedAt, endedAt) > targetSeconds
      ? { kind: 'breach', waitSeconds: null }
      : { kind: 'left', waitSeconds: null };
  return secondsBetween(ticket.issuedAt, now.toISOString()) > targetSeconds
    ? { kind: 'breach', waitSeconds: null }
    : { kind: 'pending', waitSeconds: null };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Median: the middle value, or the mean of the two middle values for an even count. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function summarise(key: string, outcomes: readonly Outcome[]): WaitStandardBreakdown {
  const count = (kind: Outcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  const withinTarget = count('within');
  const breaches = count('breach');
  const waits = outcomes.flatMap((o) => (o.waitSeconds === null ? [] : [o.waitSeconds])).sort((a, b) => a - b);
  const decided = withinTarget + breaches;
  const nullable = (value: number | null) => (value === null ? null : round3(value));
  return {
    key,
    tickets: outcomes.length,
    withinTarget,
    breaches,
    left: count('left'),
    pending: count('pending'),
    percentWithinTarget: decided === 0 ? null : Math.round((withinTarget / decided) * 1000) / 10,
    medianWaitSeconds: nullable(median(waits)),
    p90WaitSeconds: nullable(percentile(waits, 90)),
    longestWaitSeconds: nullable(waits.length > 0 ? (waits[waits.length - 1] as number) : null),
  };
}

export function waitStandardReport(
  tickets: readonly MeasuredTicket[],
  options: {
    from: string;
    to: string;
    targetSeconds: number;
    timeZone: string;
    now: Date;
    serviceOrder: readonly string[];
  },
): WaitStandardReport {
  const classified = tickets.map((ticket) => ({
    ticket,
    outcome: classify(ticket, options.targetSeconds, options.now),
  }));
  const group = (keyOf: (ticket: MeasuredTicket) => string) => {
    const groups = new Map<string, Outcome[]>();
    for (const { ticket, outcome } of classified) {
      const key = keyOf(ticket);
      groups.set(key, [...(groups.get(key) ?? []), outcome]);
    }
    return groups;
  };
  const byService = group((t) => t.service);
  const serviceKeys = [
    ...options.serviceOrder.filter((s) => byService.has(s)),
    ...[...byService.keys()].filter((s) => !options.serviceOrder.includes(s)),
  ];
  const byHour = group((t) => zonedHour(new Date(t.issuedAt), options.timeZone));
  const { key: _key, ...overall } = summarise(
    'all',
    classified.map((c) => c.outcome),
  );
  return {
    ...overall,
    from: options.from,
    to: options.to,
    targetSeconds: options.targetSeconds,
    byService: serviceKeys.map((key) => summarise(key, byService.get(key) ?? [])),
    byHour: [...byHour.keys()].sort().map((key) => summarise(key, byHour.get(key) ?? [])),
  };
}
