import { describe, expect, it } from 'vitest';
import { defaultFeedbackReasons, type FeedbackRating } from '../../contract/feedback.js';
import {
  buildFeedbackReport,
  feedbackReportCsv,
  netSatisfaction,
  waitTargetBucket,
} from '../../server/feedback/report.js';
import type { FeedbackRow } from '../../server/feedback/store.js';
import type { TicketWait } from '../../server/queue/ticket-reader.js';

let serial = 0;
function row(rating: FeedbackRating, overrides: Partial<FeedbackRow> = {}): FeedbackRow {
  serial++;
  return {
    id: `r${serial}`,
    site: 'site',
    touchpoint: 'kiosk',
    screen: 'kiosk:k1',
    kiosk: 'k1',
    desk: null,
    service: null,
    ticket: null,
    rating,
    reason: null,
    tappedAt: '2026-07-14T10:00:00.000Z',
    receivedAt: '2026-07-14T10:00:00.000Z',
    counted: true,
    ...overrides,
  };
}

const range = { from: new Date('2026-07-14T00:00:00Z'), to: new Date('2026-07-16T00:00:00Z') };
const report = (rows: FeedbackRow[], tickets: Record<string, TicketWait> = {}) =>
  buildFeedbackReport({
    rows,
    ...range,
    reasons: defaultFeedbackReasons,
    waitTargetSeconds: 600,
    timeZone: 'Europe/London',
    lookupTicket: (id) => tickets[id],
  });

describe('net satisfaction (Good − Poor) / all', () => {
  it('is +1 when every response is good, −1 when every one is poor, and null when there are none', () => {
    expect(report([row('good'), row('good'), row('good')]).netSatisfaction).toBe(1);
    expect(report([row('poor'), row('poor')]).netSatisfaction).toBe(-1);
    expect(report([]).netSatisfaction).toBeNull();
    expect(netSatisfaction(0, 0, 0)).toBeNull();
  });

  it('counts average responses in the total only', () => {
    const r = report([row('good'), row('good'), row('good'), row('average'), row('poor'), row('poor')]);
    expect(r).toMatchObject({ good: 3, average: 1, poor: 2, all: 6 });
    expect(r.netSatisfaction).toBeCloseTo(1 / 6, 10);
    expect(report([row('average'), row('average')]).netSatisfaction).toBe(0);
  });

  it('leaves debounced taps out of every figure and reports them as not counted', () => {
    const r = report([row('good'), row('poor', { counted: false }), row('poor', { counted: false })]);
    expect(r).toMatchObject({ good: 1, poor: 0, all: 1, notCounted: 2, netSatisfaction: 1 });
    expect(r.byTouchpoint).toEqual([{ key: 'kiosk', good: 1, average: 0, poor: 0, all: 1, netSatisfaction: 1 }]);
  });
});

describe('breakdowns', () => {
  it('groups by touchpoint, service ("none" when unknown) and reason, listing every configured reason', () => {
    const r = report([
      row('good', { touchpoint: 'desk', service: 'housing', reason: 'helpful-staff' }),
      row('poor', { touchpoint: 'desk', service: 'housing', reason: 'waited-too-long' }),
      row('average', { service: null, reason: 'waited-too-long' }),
    ]);
    expect(r.byTouchpoint.map((t) => [t.key, t.all, t.netSatisfaction])).toEqual([
      ['desk', 2, 0],
      ['kiosk', 1, 0],
    ]);
    expect(r.byService.map((t) => [t.key, t.all])).toEqual([
      ['housing', 2],
      ['none', 1],
    ]);
    expect(r.reasons).toHaveLength(12);
    expect(r.reasons.find((x) => x.rating === 'poor' && x.reason === 'waited-too-long')?.count).toBe(1);
    expect(r.reasons.find((x) => x.rating === 'average' && x.reason === 'waited-too-long')?.count).toBe(1);
    expect(r.reasons.find((x) => x.rating === 'good' && x.reason === 'quick-service')?.count).toBe(0);
    expect(r.withoutReason).toBe(0);
  });

  it('puts a tap in the day and hour of the site time zone, not UTC', () => {
    // 23:30 UTC on 14 July is 00:30 on 15 July in London (BST).
    const r = report([
      row('good', { tappedAt: '2026-07-14T23:30:00.000Z' }),
      row('poor', { tappedAt: '2026-07-14T12:10:00.000Z' }),
    ]);
    expect(r.byDay.map((d) => d.key)).toEqual(['2026-07-14', '2026-07-15']);
    expect(r.byHour.map((h) => h.key)).toEqual(['00', '13']);
  });

  it('splits by whether the ticket was called within the wait target', () => {
    const tickets: Record<string, TicketWait> = {
      exactly: {
        service: 'housing',
        issuedAt: '2026-07-14T09:00:00.000Z',
        calledAt: '2026-07-14T09:10:00.000Z',
        closedAt: null,
      },
      late: {
        service: 'housing',
        issuedAt: '2026-07-14T09:00:00.000Z',
        calledAt: '2026-07-14T09:10:01.000Z',
        closedAt: null,
      },
      gaveUpLate: {
        service: 'housing',
        issuedAt: '2026-07-14T09:00:00.000Z',
        calledAt: null,
        closedAt: '2026-07-14T09:30:00.000Z',
      },
      leftEarly: {
        service: 'housing',
        issuedAt: '2026-07-14T09:00:00.000Z',
        calledAt: null,
        closedAt: '2026-07-14T09:03:00.000Z',
      },
    };
    const r = report(
      [
        row('good', { ticket: 'exactly' }),
        row('poor', { ticket: 'late' }),
        row('poor', { ticket: 'gaveUpLate' }),
        row('average', { ticket: 'leftEarly' }),
        row('good', { ticket: 'no-such-ticket' }),
        row('average'),
      ],
      tickets,
    );
    const byKey = Object.fromEntries(r.byWaitTarget.map((t) => [t.key, [t.good, t.average, t.poor]]));
    expect(byKey).toEqual({
      'within-target': [1, 0, 0],
      'over-target': [0, 0, 2],
      'not-called': [0, 1, 0],
      'not-linked': [1, 1, 0],
    });
    expect(waitTargetBucket(undefined, 600)).toBe('not-linked');
  });
});

describe('CSV', () => {
  it('has a row per slice with net satisfaction to three places, and the reasons', () => {
    const csv = feedbackReportCsv(
      report([row('good', { service: 'council-tax', reason: 'quick-service' }), row('poor'), row('poor')]),
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('breakdown,key,good,average,poor,all,net_satisfaction');
    expect(lines).toContain('total,all,1,0,2,3,-0.333');
    expect(lines).toContain('service,council-tax,1,0,0,1,1.000');
    expect(lines).toContain('good,quick-service,Quick service,1');
  });
});
