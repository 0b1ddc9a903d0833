/**
 * What other modules may read of the queue's tickets. The queue owns its tables; feedback (a
 * response given against a ticket) and reports (the wait standard) are given this reader in
 * server/modules.ts instead of querying them.
 */
import type { TicketState } from '../../contract/queue.js';
import type { Db } from '../store/database.js';

/** A ticket's service and wait, for feedback given against it. */
export interface TicketWait {
  service: string;
  issuedAt: string;
  /** First call; null when never called. */
  calledAt: string | null;
  /** When a never-called ticket was closed (left or no-show); null while open. */
  closedAt: string | null;
}

/** A ticket as the wait standard measures it: keyed by the service chosen at the kiosk. */
export interface IssuedTicketTimes {
  service: string;
  state: TicketState;
  issuedAt: string;
  calledAt: string | null;
  completedAt: string | null;
}

export interface TicketReader {
  /** undefined when there is no such ticket. */
  waitOf(ticketId: string): TicketWait | undefined;
  /** Tickets issued in [from, to), oldest first. */
  issuedBetween(from: Date, to: Date): IssuedTicketTimes[];
}

interface TimesRow {
  service: string;
  state: TicketState;
  issued_at: string;
  called_at: string | null;
  completed_at: string | null;
}

export function ticketReader(db: Db): TicketReader {
  const byId = db.prepare<[string], TimesRow>(
    'SELECT service, state, issued_at, called_at, completed_at FROM tickets WHERE id = ?',
  );
  const issuedBetween = db.prepare<[string, string], TimesRow>(
    `SELECT issued_service AS service, state, issued_at, called_at, completed_at FROM tickets
     WHERE issued_at >= ? AND issued_at < ? ORDER BY issued_at`,
  );
  return {
    waitOf(ticketId) {
      const row = byId.get(ticketId);
      if (!row) return undefined;
      return {
        service: row.service,
        issuedAt: row.issued_at,
        calledAt: row.called_at,
        // A never-called ticket that was closed: its closing time is kept in completed_at.
        closedAt: row.called_at === null && row.state === 'closed' ? row.completed_at : null,
      };
    },
    issuedBetween(from, to) {
      return issuedBetween.all(from.toISOString(), to.toISOString()).map((row) => ({
        service: row.service,
        state: row.state,
        issuedAt: row.issued_at,
        calledAt: row.called_at,
        completedAt: row.completed_at,
      }));
    },
  };
}
