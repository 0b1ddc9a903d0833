/** The tickets a wait-standard report counts: those issued in [from, to), keyed by the service chosen at the kiosk. */
import type { Db } from '../store/database.js';
import type { MeasuredTicket } from './wait-standard.js';

export function measuredTickets(db: Db, from: Date, to: Date): MeasuredTicket[] {
  return db
    .prepare<
      [string, string],
      {
        service: string;
        state: MeasuredTicket['state'];
        issued_at: string;
        called_at: string | null;
        completed_at: string | null;
      }
    >(
      `SELECT issued_service AS service, state, issued_at, called_at, completed_at FROM tickets WHERE issued_at >= ? AND issued_at < ? ORDER BY issued_at`,
    )
    .all(from.toISOString(), to.toISOString())
    .map((row) => ({
      service: row.service,
      state: row.state,
      issuedAt: row.issued_at,
      calledAt: row.called_at,
      completedAt: row.completed_at,
    }));
}
