import type { OutboxDepth } from '../../contract/fleet.js';
import type { OutboxStatus } from '../outbox/outbox.js';

/** What a heartbeat tells of an outbox: how much waits, and since when (not its error texts). */
export const outboxDepth = ({ name, pending, refused, oldestPendingAt }: OutboxStatus): OutboxDepth => ({
  name,
  pending,
  refused,
  oldestPendingAt,
});
