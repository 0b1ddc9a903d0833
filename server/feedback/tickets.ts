/**
 * Read-only look-up of a ticket in the queue's `tickets` table (owned by server/queue). Feedback never
 * writes there; it only needs a ticket's service and its wait.
 */
import type { Db } from '../store/database.js';
import type { TicketFacts, TicketLookup } from './report.js';

interface TicketRow {
  service: string;
  state: string;
  issued_at: string;
  called_at: string | null;
  completed_at: string | null;
}

export function ticketLookup(db: Db): TicketLookup {
  let select: ReturnType<Db['prepare']> | null = null;
  return (ticketId: string): TicketFacts | undefined => {
    if (!select) {
      // Without the queue module (a deployment that runs no queue) there is no table: nothing is linked.
      const hasTable =
        db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tickets'").get() !== undefined;
      if (!hasTable) return undefined;
      select = db.prepare('SELECT service, state, issued_at, called_at, completed_at FROM tickets WHERE id = ?');
    }
    const row = select.get(ticketId) as TicketRow | undefined;
    if (!row) return undefined;
    return {
      service: row.service,
      issuedAt: row.issued_at,
      calledAt: row.called_at,
      // A never-called ticket that was closed: its closing time is kept in completed_at.
      closedAt: row.called_at === null && row.state === 'closed' ? row.completed_at : null,
    };
  };
}
