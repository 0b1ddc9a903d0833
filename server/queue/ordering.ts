/**
 * Who is called next. Pure functions over the waiting tickets; the rule is written out in
 * docs/queue.md ("Ordering").
 *
 * Within a service: priority tickets go first, in issue order, except that an ordinary ticket that
 * has waited at least `protectAfterFractionOfTarget` × target is called before any priority ticket
 * issued after it. Protection only grows with waiting, so the protected ordinary tickets are always
 * the oldest ordinary ones and the order is a merge of two issue-ordered lists.
 *
 * Across the services a desk serves: `longest-wait` takes the head that has waited longest;
 * `service-order` takes the first service (in the desk's list, else the site's) with anyone waiting.
 */
import type { SiteConfig } from '../../contract/config.js';

export interface Waiting {
  id: string;
  service: string;
  priority: boolean;
  issuedAt: string;
  /** Insertion order, to break ties between tickets issued in the same millisecond. */
  seq: number;
}

export interface OrderingRules {
  priorityEnabled: boolean;
  protectAfterFractionOfTarget: number;
  acrossServices: 'longest-wait' | 'service-order';
  waitTargetSeconds: number;
}

export const orderingRules = (config: SiteConfig): OrderingRules => ({
  ...config.ordering,
  waitTargetSeconds: config.waitTargetSeconds,
});

const byIssue = (a: Waiting, b: Waiting) =>
  a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.seq - b.seq;

/** The waiting tickets of one service in the order they will be called. */
export function orderService<T extends Waiting>(tickets: readonly T[], rules: OrderingRules, now: Date): T[] {
  const sorted = [...tickets].sort(byIssue);
  if (!rules.priorityEnabled) return sorted;
  const priority = sorted.filter((t) => t.priority);
  const ordinary = sorted.filter((t) => !t.priority);
  const protectMs = rules.protectAfterFractionOfTarget * rules.waitTargetSeconds * 1000;
  const isProtected = (t: Waiting) => now.getTime() - Date.parse(t.issuedAt) >= protectMs;
  const result: T[] = [];
  let p = 0;
  let o = 0;
  while (p < priority.length || o < ordinary.length) {
    const nextPriority = priority[p];
    const nextOrdinary = ordinary[o];
    if (nextOrdinary && (!nextPriority || (isProtected(nextOrdinary) && byIssue(nextOrdinary, nextPriority) < 0))) {
      result.push(nextOrdinary);
      o++;
    } else if (nextPriority) {
      result.push(nextPriority);
      p++;
    }
  }
  return result;
}

/**
 * The order in which a desk serving `services` would call the waiting tickets if no one else
 * arrived: repeatedly take the head chosen by the across-services rule.
 */
export function orderForDesk<T extends Waiting>(
  tickets: readonly T[],
  services: readonly string[],
  rules: OrderingRules,
  now: Date,
): T[] {
  const queues = services.map((service) =>
    orderService(
      tickets.filter((t) => t.service === service),
      rules,
      now,
    ),
  );
  const heads = queues.map(() => 0);
  const result: T[] = [];
  for (;;) {
    let chosen = -1;
    for (let i = 0; i < queues.length; i++) {
      const head = queues[i]?.[heads[i] ?? 0];
      if (!head) continue;
      if (chosen === -1) {
        chosen = i;
        if (rules.acrossServices === 'service-order') break;
        continue;
      }
      const best = queues[chosen]?.[heads[chosen] ?? 0];
      if (best && byIssue(head, best) < 0) chosen = i;
    }
    if (chosen === -1) return result;
    const queue = queues[chosen] as T[];
    result.push(queue[heads[chosen] as number] as T);
    heads[chosen] = (heads[chosen] as number) + 1;
  }
}
