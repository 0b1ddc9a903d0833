/** The ordering rule as properties over random queues (docs/queue.md "Ordering"). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderForDesk, orderService, type OrderingRules, type Waiting } from '../../server/queue/ordering.js';

const now = new Date('2026-11-02T12:00:00.000Z');
const rules: OrderingRules = {
  priorityEnabled: true,
  protectAfterFractionOfTarget: 0.8,
  acrossServices: 'longest-wait',
  waitTargetSeconds: 600,
};
const protectedMs = 480_000;

const ticketsArb = fc
  .array(
    fc.record({
      waitedSeconds: fc.integer({ min: 0, max: 1200 }),
      priority: fc.boolean(),
      service: fc.constantFrom('a', 'b', 'c'),
    }),
    { maxLength: 30 },
  )
  .map((specs) =>
    specs.map((spec, seq): Waiting => ({
      id: `t${seq}`,
      seq,
      service: spec.service,
      priority: spec.priority,
      issuedAt: new Date(now.getTime() - spec.waitedSeconds * 1000).toISOString(),
    })),
  );

const waited = (t: Waiting) => now.getTime() - Date.parse(t.issuedAt);
const earlier = (x: Waiting, y: Waiting) => x.issuedAt < y.issuedAt || (x.issuedAt === y.issuedAt && x.seq < y.seq);

describe('ordering within a service', () => {
  it('calls everyone once; keeps issue order within each class; priority before unprotected ordinary; a protected ordinary ticket before later priority ones', () => {
    fc.assert(
      fc.property(ticketsArb, (all) => {
        const tickets = all.filter((t) => t.service === 'a');
        const order = orderService(tickets, rules, now);
        expect(order.map((t) => t.id).sort()).toEqual(tickets.map((t) => t.id).sort());
        order.forEach((x, i) =>
          order.slice(i + 1).forEach((y) => {
            // x is called before y: check no rule says y should have gone first.
            if (x.priority === y.priority) expect(earlier(x, y)).toBe(true);
            if (!x.priority && y.priority) expect(waited(x) >= protectedMs && earlier(x, y)).toBe(true);
            if (x.priority && !y.priority) expect(waited(y) >= protectedMs && earlier(y, x)).toBe(false);
          }),
        );
      }),
    );
  });

  it('issuing a new ticket never reorders the others', () => {
    fc.assert(
      fc.property(ticketsArb, fc.boolean(), fc.integer({ min: 0, max: 1200 }), (all, priority, waitedSeconds) => {
        const tickets = all.filter((t) => t.service === 'a');
        const extra: Waiting = {
          id: 'new',
          seq: 999,
          service: 'a',
          priority,
          issuedAt: new Date(now.getTime() - waitedSeconds * 1000).toISOString(),
        };
        const before = orderService(tickets, rules, now).map((t) => t.id);
        const after = orderService([...tickets, extra], rules, now)
          .map((t) => t.id)
          .filter((id) => id !== 'new');
        expect(after).toEqual(before);
      }),
    );
  });

  it('without priority it is first come, first served', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const order = orderService(tickets, { ...rules, priorityEnabled: false }, now);
        order.forEach((x, i) => i > 0 && expect(earlier(order[i - 1] as Waiting, x)).toBe(true));
      }),
    );
  });
});

describe('ordering for a desk', () => {
  it('keeps each service’s own order and, with longest-wait, always takes the oldest head', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const order = orderForDesk(tickets, ['a', 'b'], rules, now);
        expect(order.every((t) => t.service !== 'c')).toBe(true);
        for (const service of ['a', 'b']) {
          expect(order.filter((t) => t.service === service).map((t) => t.id)).toEqual(
            orderService(
              tickets.filter((t) => t.service === service),
              rules,
              now,
            ).map((t) => t.id),
          );
        }
        // Replay: at every step the chosen ticket is the oldest of the remaining heads.
        const remaining = {
          a: orderService(
            tickets.filter((t) => t.service === 'a'),
            rules,
            now,
          ),
          b: orderService(
            tickets.filter((t) => t.service === 'b'),
            rules,
            now,
          ),
        };
        for (const chosen of order) {
          const heads = [remaining.a[0], remaining.b[0]].filter((t): t is Waiting => t !== undefined);
          expect(heads.every((head) => head === chosen || earlier(chosen, head))).toBe(true);
          remaining[chosen.service as 'a' | 'b'].shift();
        }
      }),
    );
  });
});
