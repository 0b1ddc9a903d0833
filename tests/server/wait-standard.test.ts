import { afterEach, describe, expect, it } from 'vitest';
import { median, percentile, waitStandardReport } from '../../server/reports/wait-standard.js';
import { minutes, queueFixture, type QueueFixture } from './queue-fixture.js';

let f: QueueFixture;
afterEach(() => f?.close());

function report(from = '2026-01-01T00:00:00.000Z', to = '2027-01-01T00:00:00.000Z') {
  return waitStandardReport(f.tickets.issuedBetween(new Date(from), new Date(to)), {
    from,
    to,
    targetSeconds: f.config.waitTargetSeconds,
    timeZone: f.config.site.timeZone,
    now: f.clock.now(),
    serviceOrder: f.config.services.map((s) => s.id),
  });
}

/** Issues a ticket, lets `waitMs` pass, calls it at desk-1 and completes it. */
function servedAfter(waitMs: number, service = 'housing') {
  const ticket = f.queue.issue({ service, priority: false });
  f.clock.advance(waitMs);
  const called = f.queue.callNext('desk-1', null);
  expect(called?.id).toBe(ticket.id);
  f.queue.complete(ticket.id, null);
  return ticket;
}

describe('wait standard boundaries (target 600 s)', () => {
  it('counts a wait of exactly the target as within, and one second or one millisecond more as a breach', () => {
    f = queueFixture();
    servedAfter(600_000);
    servedAfter(601_000);
    servedAfter(600_001);
    servedAfter(599_000);
    const r = report();
    expect(r).toMatchObject({
      targetSeconds: 600,
      tickets: 4,
      withinTarget: 2,
      breaches: 2,
      left: 0,
      pending: 0,
      percentWithinTarget: 50,
    });
    expect(r.longestWaitSeconds).toBe(601);
  });

  it('measures to the first call: a recall after the target does not make it a breach', () => {
    f = queueFixture();
    const ticket = f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(minutes(9));
    f.queue.callNext('desk-1', null);
    f.clock.advance(minutes(5));
    f.queue.recall(ticket.id, null);
    f.queue.complete(ticket.id, null);
    expect(report()).toMatchObject({ withinTarget: 1, breaches: 0, medianWaitSeconds: 540 });
  });

  it('counts a no-show by when it was called', () => {
    f = queueFixture();
    const late = f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(minutes(11));
    f.queue.callNext('desk-1', null);
    f.queue.noShow(late.id, null);
    const soon = f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(minutes(2));
    f.queue.callNext('desk-1', null);
    f.queue.noShow(soon.id, null);
    expect(report()).toMatchObject({ tickets: 2, withinTarget: 1, breaches: 1, medianWaitSeconds: 390 });
  });

  it('transfer after a call: the first call still counts', () => {
    f = queueFixture();
    const ticket = f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(minutes(4));
    f.queue.callNext('desk-1', null);
    f.queue.transfer(ticket.id, 'council-tax', null);
    f.clock.advance(minutes(20));
    f.queue.callNext('desk-1', null);
    expect(report()).toMatchObject({ withinTarget: 1, breaches: 0, longestWaitSeconds: 240 });
    expect(report().byService.map((s) => s.key)).toEqual(['housing']);
  });

  it('transfer while waiting: the wait runs from the original issue time', () => {
    f = queueFixture();
    const ticket = f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(minutes(6));
    f.queue.transfer(ticket.id, 'council-tax', null);
    f.clock.advance(minutes(6));
    f.queue.callNext('desk-1', null);
    expect(report()).toMatchObject({ withinTarget: 0, breaches: 1, longestWaitSeconds: 720 });
  });

  it('never called: closed after more than the target is a breach, closed sooner is "left" and outside the percentage', () => {
    f = queueFixture();
    servedAfter(0, 'council-tax');
    const patient = f.queue.issue({ service: 'housing', priority: false });
    const leaver = f.queue.issue({ service: 'housing', priority: false });
    const exact = f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(minutes(3));
    f.queue.close(leaver.id, null);
    f.clock.advance(minutes(7)); // 600 s after issue
    f.queue.close(exact.id, null);
    f.clock.advance(1000);
    f.queue.close(patient.id, null);
    const r = report();
    expect(r).toMatchObject({ tickets: 4, withinTarget: 1, breaches: 1, left: 2, pending: 0, percentWithinTarget: 50 });
    // Waits statistics are over measured (called) waits only.
    expect(r.medianWaitSeconds).toBe(0);
  });

  it('still waiting: a breach once past the target, pending before', () => {
    f = queueFixture();
    f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(minutes(8));
    f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(minutes(2) + 1);
    expect(report()).toMatchObject({ tickets: 2, breaches: 1, pending: 1, withinTarget: 0, percentWithinTarget: 0 });
  });

  it('closed at end of day after a call keeps its measured wait', () => {
    f = queueFixture({}, '2026-11-02T16:00:00.000Z');
    f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(minutes(5));
    f.queue.callNext('desk-1', null);
    f.clock.set('2026-11-03T08:00:00.000Z');
    f.queue.closeEarlierDays();
    expect(report()).toMatchObject({ tickets: 1, withinTarget: 1, medianWaitSeconds: 300 });
  });
});

describe('clock changes (Europe/London)', () => {
  it('a ticket issued at 00:59 UTC on the day BST ends and called after the change waits 6 minutes, not 66', () => {
    // 25 Oct 2026: 01:00 UTC is 02:00 BST → 01:00 GMT. 00:59 UTC = 01:59 BST; 01:05 UTC = 01:05 GMT.
    f = queueFixture({}, '2026-10-25T00:59:00.000Z');
    const ticket = f.queue.issue({ service: 'housing', priority: false });
    f.clock.set('2026-10-25T01:05:00.000Z');
    f.queue.callNext('desk-1', null);
    f.queue.complete(ticket.id, null);
    const r = report();
    expect(r).toMatchObject({ withinTarget: 1, medianWaitSeconds: 360 });
    expect(r.byHour.map((h) => h.key)).toEqual(['01']);
  });

  it('a ticket issued just before BST starts and called after waits 2 minutes, not 62', () => {
    // 29 Mar 2026: 01:00 UTC is 01:00 GMT → 02:00 BST.
    f = queueFixture({}, '2026-03-29T00:59:00.000Z');
    f.queue.issue({ service: 'housing', priority: false });
    f.clock.set('2026-03-29T01:01:00.000Z');
    f.queue.callNext('desk-1', null);
    expect(report()).toMatchObject({ withinTarget: 1, medianWaitSeconds: 120 });
    expect(report().byHour.map((h) => h.key)).toEqual(['00']);
  });

  it('groups by the hour on the site’s clocks', () => {
    f = queueFixture({}, '2026-07-01T08:30:00.000Z'); // 09:30 BST
    servedAfter(minutes(1));
    f.clock.set('2026-12-01T08:30:00.000Z'); // 08:30 GMT
    servedAfter(minutes(1));
    expect(report().byHour.map((h) => [h.key, h.tickets])).toEqual([
      ['08', 1],
      ['09', 1],
    ]);
  });
});

describe('period and breakdowns', () => {
  it('counts tickets issued in [from, to) and breaks them down by service', () => {
    f = queueFixture();
    servedAfter(minutes(2)); // issued 09:00
    servedAfter(minutes(12), 'council-tax'); // issued 09:02
    servedAfter(minutes(1)); // issued 09:14
    const r = report('2026-11-02T09:00:00.000Z', '2026-11-02T09:14:00.000Z');
    expect(r.tickets).toBe(2);
    expect(r.byService.map((s) => [s.key, s.tickets, s.withinTarget, s.breaches])).toEqual([
      ['housing', 1, 1, 0],
      ['council-tax', 1, 0, 1],
    ]);
  });

  it('has no percentage when nothing was decided', () => {
    f = queueFixture();
    expect(report()).toMatchObject({
      tickets: 0,
      percentWithinTarget: null,
      medianWaitSeconds: null,
      p90WaitSeconds: null,
      longestWaitSeconds: null,
    });
  });
});

describe('median and 90th percentile', () => {
  it('median averages the two middle values of an even count', () => {
    expect(median([60, 120, 300, 900])).toBe(210);
    expect(median([60, 120, 300])).toBe(120);
  });

  it('90th percentile is nearest-rank', () => {
    const tenValues = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(tenValues, 90)).toBe(9);
    expect(percentile([...tenValues, 11], 90)).toBe(10);
    expect(percentile([42], 90)).toBe(42);
  });
});
