import { afterEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../server/http/errors.js';
import { eventTypes, minutes, queueFixture, type QueueFixture } from './queue-fixture.js';

let f: QueueFixture;
afterEach(() => f?.close());

const numbers = (tickets: Array<{ number: string }>) => tickets.map((t) => t.number);

function expectHttpError(action: () => unknown, status: number, code: string): HttpError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(status);
    expect((error as HttpError).code).toBe(code);
    return error as HttpError;
  }
  throw new Error(`expected a ${status} ${code}`);
}

describe('numbering', () => {
  it('numbers each service from 001 without gaps, separately', () => {
    f = queueFixture();
    const issued = ['housing', 'housing', 'council-tax', 'housing', 'council-tax'].map((service) =>
      f.queue.issue({ service, priority: false }),
    );
    expect(numbers(issued)).toEqual(['H001', 'H002', 'C001', 'H003', 'C002']);
  });

  it('starts again at 001 on the next day in the site time zone, not the UTC day', () => {
    // 23:30 UTC on 1 June is 00:30 BST on 2 June: a new day in London.
    f = queueFixture({}, '2026-06-01T22:50:00.000Z');
    expect(f.queue.issue({ service: 'housing', priority: false }).number).toBe('H001');
    expect(f.queue.issue({ service: 'housing', priority: false }).number).toBe('H002');
    f.clock.set('2026-06-01T23:30:00.000Z');
    expect(f.queue.issue({ service: 'housing', priority: false }).number).toBe('H001');
  });

  it('refuses an unknown service with a 400 naming the field, and stores nothing', () => {
    f = queueFixture();
    const error = expectHttpError(() => f.queue.issue({ service: 'parking', priority: false }), 400, 'unknown-service');
    expect(error.field).toBe('service');
    expect(f.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(0);
    expect(f.queue.issue({ service: 'housing', priority: false }).number).toBe('H001');
  });
});

describe('ordering within a service', () => {
  it('calls priority tickets first, each class in issue order', () => {
    f = queueFixture();
    const plan = [false, true, false, true];
    for (const priority of plan) {
      f.queue.issue({ service: 'housing', priority });
      f.clock.advance(minutes(1));
    }
    expect(numbers(f.queue.queue({ service: 'housing' }))).toEqual(['H002', 'H004', 'H001', 'H003']);
  });

  it('puts an ordinary ticket that has waited 80 % of the target ahead of priority tickets issued after it, not before', () => {
    f = queueFixture(); // target 600 s → protected after 480 s
    f.queue.issue({ service: 'housing', priority: true }); // H001 at 0 s
    f.clock.advance(minutes(1));
    f.queue.issue({ service: 'housing', priority: false }); // H002 at 60 s
    f.clock.advance(minutes(1));
    f.queue.issue({ service: 'housing', priority: true }); // H003 at 120 s
    f.clock.advance(minutes(6)); // now 480 s: H002 has waited 420 s
    expect(numbers(f.queue.queue({ service: 'housing' }))).toEqual(['H001', 'H003', 'H002']);
    f.clock.advance(minutes(1)); // H002 has waited exactly 480 s
    expect(numbers(f.queue.queue({ service: 'housing' }))).toEqual(['H001', 'H002', 'H003']);
    expect(f.queue.callNext('desk-2', 'test')?.number).toBe('H001');
    expect(f.queue.callNext('desk-2', 'test')?.number).toBe('H002');
  });

  it('is plain first come, first served when priority is switched off', () => {
    f = queueFixture({ ordering: { priorityEnabled: false } });
    for (const priority of [false, true, false]) {
      f.queue.issue({ service: 'housing', priority });
      f.clock.advance(1000);
    }
    expect(numbers(f.queue.queue({ service: 'housing' }))).toEqual(['H001', 'H002', 'H003']);
  });
});

describe('ordering across the services of a desk', () => {
  it('longest wait first by default', () => {
    f = queueFixture();
    f.queue.issue({ service: 'council-tax', priority: false });
    f.clock.advance(1000);
    f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(1000);
    f.queue.issue({ service: 'council-tax', priority: false });
    expect(numbers(f.queue.queue({ desk: 'desk-1' }))).toEqual(['C001', 'H001', 'C002']);
    // desk-2 serves housing only
    expect(f.queue.callNext('desk-2', null)?.number).toBe('H001');
    expect(f.queue.callNext('desk-1', null)?.number).toBe('C001');
  });

  it("service-order takes the desk's first service with anyone waiting", () => {
    f = queueFixture({ ordering: { acrossServices: 'service-order' } });
    f.queue.issue({ service: 'council-tax', priority: false });
    f.clock.advance(1000);
    f.queue.issue({ service: 'housing', priority: false });
    expect(numbers(f.queue.queue({ desk: 'desk-1' }))).toEqual(['H001', 'C001']);
  });
});

describe('desk actions and the state machine', () => {
  it('call-next stores the first call, recall keeps it, complete finishes', () => {
    f = queueFixture();
    const ticket = f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(minutes(3));
    const called = f.queue.callNext('desk-1', 'amy');
    expect(called).toMatchObject({
      id: ticket.id,
      state: 'called',
      desk: 'desk-1',
      calledAt: '2026-11-02T09:03:00.000Z',
    });
    f.clock.advance(minutes(1));
    const recalled = f.queue.recall(ticket.id, 'amy');
    expect(recalled.calledAt).toBe('2026-11-02T09:03:00.000Z');
    expect(recalled.lastCalledAt).toBe('2026-11-02T09:04:00.000Z');
    const done = f.queue.complete(ticket.id, 'amy');
    expect(done.state).toBe('completed');
    expect(f.history(ticket.id).map((h) => h.type)).toEqual(['issued', 'called', 'recalled', 'completed']);
    expect(eventTypes(f.events)).toEqual(['ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.completed']);
  });

  it('answers 204-style null when no one is waiting for the desk', () => {
    f = queueFixture();
    f.queue.issue({ service: 'council-tax', priority: false });
    expect(f.queue.callNext('desk-2', null)).toBeNull(); // desk-2 does not serve council tax
  });

  it('completes the desk’s current ticket when it calls the next one', () => {
    f = queueFixture();
    const first = f.queue.issue({ service: 'housing', priority: false });
    f.queue.issue({ service: 'housing', priority: false });
    f.queue.callNext('desk-1', null);
    f.clock.advance(minutes(4));
    f.queue.callNext('desk-1', null);
    expect(f.queue.ticketStatus(first.id)).toMatchObject({
      state: 'completed',
      completedAt: '2026-11-02T09:04:00.000Z',
    });
  });

  it('refuses an action in the wrong state with 409 and changes nothing', () => {
    f = queueFixture();
    const ticket = f.queue.issue({ service: 'housing', priority: false });
    const before = f.queue.ticketRow(ticket.id);
    const eventsBefore = f.events.length;
    for (const action of [
      () => f.queue.recall(ticket.id, null),
      () => f.queue.noShow(ticket.id, null),
      () => f.queue.complete(ticket.id, null),
    ]) {
      const error = expectHttpError(action, 409, 'wrong-state');
      expect(error.message).toContain('H001');
      expect(error.message).toContain('waiting');
    }
    f.queue.callNext('desk-1', null);
    f.queue.complete(ticket.id, null);
    expectHttpError(() => f.queue.noShow(ticket.id, null), 409, 'wrong-state');
    expectHttpError(() => f.queue.transfer(ticket.id, 'council-tax', null), 409, 'wrong-state');
    expectHttpError(() => f.queue.close(ticket.id, null), 409, 'wrong-state');
    expect(f.history(ticket.id).map((h) => h.type)).toEqual(['issued', 'called', 'completed']);
    expect(f.events.length).toBe(eventsBefore + 2);
    expect(before.state).toBe('waiting');
  });

  it('marks a called ticket as no-show', () => {
    f = queueFixture();
    const ticket = f.queue.issue({ service: 'housing', priority: false });
    f.queue.callNext('desk-1', null);
    expect(f.queue.noShow(ticket.id, null)).toMatchObject({ state: 'no-show', calledAt: '2026-11-02T09:00:00.000Z' });
  });

  it('unknown ticket and unknown desk are 404s', () => {
    f = queueFixture();
    expectHttpError(() => f.queue.recall('no-such-ticket', null), 404, 'not-found');
    expectHttpError(() => f.queue.callNext('desk-9', null), 404, 'not-found');
  });
});

describe('transfer', () => {
  it('keeps the number, the issue time and the first call; the ticket waits again in the new service', () => {
    f = queueFixture();
    const moved = f.queue.issue({ service: 'housing', priority: false });
    f.clock.advance(minutes(2));
    f.queue.callNext('desk-2', null);
    f.clock.advance(minutes(1));
    f.queue.issue({ service: 'council-tax', priority: false }); // C001 issued after H001 arrived
    const transferred = f.queue.transfer(moved.id, 'council-tax', 'amy');
    expect(transferred).toMatchObject({
      number: 'H001',
      service: 'council-tax',
      state: 'waiting',
      desk: null,
      issuedAt: moved.issuedAt,
      calledAt: '2026-11-02T09:02:00.000Z',
    });
    // Waiting since arrival: ahead of C001, who arrived later.
    expect(numbers(f.queue.queue({ service: 'council-tax' }))).toEqual(['H001', 'C001']);
    f.clock.advance(minutes(1));
    const again = f.queue.callNext('desk-1', null);
    expect(again).toMatchObject({
      number: 'H001',
      calledAt: '2026-11-02T09:02:00.000Z',
      lastCalledAt: '2026-11-02T09:04:00.000Z',
    });
    expect(eventTypes(f.events)).toContain('ticket.transferred');
  });

  it('refuses the same service and an unknown one, naming the field', () => {
    f = queueFixture();
    const ticket = f.queue.issue({ service: 'housing', priority: false });
    expect(expectHttpError(() => f.queue.transfer(ticket.id, 'housing', null), 400, 'same-service').field).toBe(
      'service',
    );
    expect(expectHttpError(() => f.queue.transfer(ticket.id, 'parking', null), 400, 'unknown-service').field).toBe(
      'service',
    );
    expect(f.queue.ticketStatus(ticket.id).service).toBe('housing');
  });
});

describe('end of day', () => {
  it('closes the unserved tickets of earlier days, not today’s', () => {
    f = queueFixture({}, '2026-11-02T16:00:00.000Z');
    const atDesk = f.queue.issue({ service: 'housing', priority: false });
    const waiting = f.queue.issue({ service: 'housing', priority: false });
    f.queue.callNext('desk-1', null);
    f.clock.set('2026-11-03T08:00:00.000Z');
    const today = f.queue.issue({ service: 'housing', priority: false });
    expect(f.queue.closeEarlierDays()).toBe(2);
    expect(f.queue.ticketStatus(waiting.id)).toMatchObject({ state: 'closed', calledAt: null });
    expect(f.queue.ticketStatus(atDesk.id)).toMatchObject({ state: 'closed', calledAt: '2026-11-02T16:00:00.000Z' });
    expect(f.queue.ticketStatus(today.id).state).toBe('waiting');
    expect(today.number).toBe('H001');
  });
});

describe('position and estimated wait', () => {
  it('grows with the queue ahead and shrinks with more desks open', () => {
    f = queueFixture({
      desks: [
        { id: 'desk-1', name: 'Desk 1', services: ['housing'] },
        { id: 'desk-2', name: 'Desk 2', services: ['housing'] },
      ],
    });
    f.queue.openDesk('desk-1', 'amy');
    // No history: 300 s per customer; one desk open and free.
    const issued = [1, 2, 3, 4].map(() => f.queue.issue({ service: 'housing', priority: false }));
    expect(issued.map((t) => [t.position, t.estimatedWaitMinutes])).toEqual([
      [1, 0],
      [2, 5],
      [3, 10],
      [4, 15],
    ]);
    f.queue.openDesk('desk-2', 'ben');
    expect(f.queue.issue({ service: 'housing', priority: false })).toMatchObject({
      position: 5,
      estimatedWaitMinutes: 10,
    }); // 4 × 300 ÷ 2
  });

  it('learns recent service times and counts the customer already at the desk', () => {
    f = queueFixture({ desks: [{ id: 'desk-1', name: 'Desk 1', services: ['housing'] }] });
    // Three customers served in 60 s each: mean = (3 × 60 + 3 × 300) ÷ 6 = 180 s.
    for (let i = 0; i < 3; i++) {
      f.queue.issue({ service: 'housing', priority: false });
      const called = f.queue.callNext('desk-1', null);
      f.clock.advance(60_000);
      f.queue.complete(called?.id ?? '', null);
    }
    f.queue.issue({ service: 'housing', priority: false });
    f.queue.callNext('desk-1', null); // someone at the desk for 0 s: 180 s left
    f.queue.issue({ service: 'housing', priority: false });
    const third = f.queue.issue({ service: 'housing', priority: false });
    // ahead 1 × 180 + busy 180 = 360 s = 6 min
    expect(third).toMatchObject({ position: 2, estimatedWaitMinutes: 6 });
  });

  it('splits a shared desk between the services waiting for it', () => {
    f = queueFixture({ desks: [{ id: 'desk-1', name: 'Desk 1', services: ['housing', 'council-tax'] }] });
    f.queue.openDesk('desk-1', 'amy');
    f.queue.issue({ service: 'council-tax', priority: false });
    f.queue.issue({ service: 'housing', priority: false });
    // One ahead in housing (300 s), desk shared by two services with people waiting → 600 s.
    expect(f.queue.issue({ service: 'housing', priority: false }).estimatedWaitMinutes).toBe(10);
  });
});
