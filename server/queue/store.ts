/** Rows of the queue tables and their mapping to the contract's Ticket. */
import type { Ticket, TicketState } from '../../contract/queue.js';
import type { Db } from '../store/database.js';

export interface TicketRow {
  seq: number;
  id: string;
  day: string;
  issued_service: string;
  /** '' for a hub-issued ticket, else the series letter of the kiosk that issued it offline. */
  series: string;
  serial: number;
  number: string;
  service: string;
  priority: 0 | 1;
  state: TicketState;
  issued_at: string;
  /** An offline ticket's issue time by its kiosk's clock (issued_at is that, corrected to the hub's). */
  issued_at_kiosk: string | null;
  called_at: string | null;
  last_called_at: string | null;
  completed_at: string | null;
  desk: string | null;
  kiosk: string | null;
  recalls: number;
}

/** The columns a new ticket is inserted with (it starts waiting). */
export type NewTicketRow = Pick<
  TicketRow,
  | 'id'
  | 'day'
  | 'issued_service'
  | 'series'
  | 'serial'
  | 'number'
  | 'service'
  | 'priority'
  | 'issued_at'
  | 'issued_at_kiosk'
  | 'kiosk'
>;

export type WaitingKeys = Pick<TicketRow, 'seq' | 'id' | 'service' | 'priority' | 'issued_at'>;

export const toTicket = (row: TicketRow): Ticket => ({
  id: row.id,
  number: row.number,
  service: row.service,
  priority: row.priority === 1,
  state: row.state,
  issuedAt: row.issued_at,
  calledAt: row.called_at,
  lastCalledAt: row.last_called_at,
  completedAt: row.completed_at,
  desk: row.desk,
  kiosk: row.kiosk,
});

/** Prefix + at least three digits: H001 … H999, then H1000. */
export const formatNumber = (prefix: string, serial: number): string => `${prefix}${String(serial).padStart(3, '0')}`;

export interface TicketEventRow {
  ticketId: string;
  type: string;
  at: string;
  desk?: string | null;
  service?: string | null;
  actor?: string | null;
  detail?: unknown;
}

/** Prepared statements, made once per database. */
export function queueStatements(db: Db) {
  return {
    nextSerial: db.prepare<[string, string], { last_number: number }>(
      `INSERT INTO ticket_counters (service, day, last_number) VALUES (?, ?, 1)
       ON CONFLICT (service, day) DO UPDATE SET last_number = last_number + 1
       RETURNING last_number`,
    ),
    insertTicket: db.prepare<NewTicketRow>(
      `INSERT INTO tickets (id, day, issued_service, series, serial, number, service, priority, state, issued_at, issued_at_kiosk, kiosk)
       VALUES (@id, @day, @issued_service, @series, @serial, @number, @service, @priority, 'waiting', @issued_at, @issued_at_kiosk, @kiosk)`,
    ),
    byId: db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
    byNumber: db.prepare<[string, string], TicketRow>('SELECT * FROM tickets WHERE day = ? AND number = ?'),
    /** A hub-issued ticket takes the offline number its resident holds (one tap, one ticket). */
    renumber: db.prepare<Pick<TicketRow, 'id' | 'series' | 'serial' | 'number' | 'issued_at_kiosk'>>(
      `UPDATE tickets SET series = @series, serial = @serial, number = @number, issued_at_kiosk = @issued_at_kiosk
       WHERE id = @id AND state = 'waiting'`,
    ),
    call: db.prepare<[string, string, string, string]>(
      `UPDATE tickets SET state = 'called', desk = ?, called_at = COALESCE(called_at, ?), last_called_at = ? WHERE id = ? AND state = 'waiting'`,
    ),
    recall: db.prepare<[string, string]>('UPDATE tickets SET last_called_at = ?, recalls = recalls + 1 WHERE id = ?'),
    /** Into a final state (completed, no-show, closed) at a time. */
    finish: db.prepare<[TicketState, string, string]>('UPDATE tickets SET state = ?, completed_at = ? WHERE id = ?'),
    moveToService: db.prepare<[string, string]>(
      `UPDATE tickets SET state = 'waiting', service = ?, desk = NULL WHERE id = ?`,
    ),
    waiting: db.prepare<[], TicketRow>(`SELECT * FROM tickets WHERE state = 'waiting'`),
    /** Just what ordering needs, for the hot paths (issuing, call-next). */
    waitingKeys: db.prepare<[], WaitingKeys>(
      `SELECT seq, id, service, priority, issued_at FROM tickets WHERE state = 'waiting'`,
    ),
    atDesks: db.prepare<[], TicketRow>(
      `SELECT * FROM tickets WHERE state IN ('called', 'serving') AND desk IS NOT NULL`,
    ),
    unfinishedBefore: db.prepare<[string], TicketRow>(
      `SELECT * FROM tickets WHERE state IN ('waiting', 'called', 'serving') AND day < ?`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO ticket_events (ticket_id, type, at, desk, service, actor, detail)
       VALUES (@ticketId, @type, @at, @desk, @service, @actor, @detail)`,
    ),
    recentServiceTimes: db.prepare<[string, string, number], { seconds: number }>(
      `SELECT (julianday(completed_at) - julianday(last_called_at)) * 86400.0 AS seconds
       FROM tickets
       WHERE state = 'completed' AND service = ? AND completed_at >= ? AND last_called_at IS NOT NULL
       ORDER BY completed_at DESC LIMIT ?`,
    ),
    recentCalls: db.prepare<
      [string, number],
      { ticket_id: string; number: string; service: string; desk: string; at: string; type: string }
    >(
      `SELECT e.ticket_id, t.number, e.service, e.desk, e.at, e.type
       FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE e.type IN ('called', 'recalled') AND e.at >= ?
       ORDER BY e.seq DESC LIMIT ?`,
    ),
    deskActivity: db.prepare<
      [],
      { desk: string; opened_by: string | null; last_active_at: string; closed_at: string | null }
    >('SELECT * FROM desk_activity'),
    touchDesk: db.prepare<[string, string | null, string]>(
      `INSERT INTO desk_activity (desk, opened_by, last_active_at, closed_at) VALUES (?, ?, ?, NULL)
       ON CONFLICT (desk) DO UPDATE SET opened_by = COALESCE(excluded.opened_by, opened_by), last_active_at = excluded.last_active_at, closed_at = NULL`,
    ),
    closeDesk: db.prepare<[string, string]>(`UPDATE desk_activity SET closed_at = ? WHERE desk = ?`),
  };
}
export type QueueStatements = ReturnType<typeof queueStatements>;

export function recordEvent(statements: QueueStatements, event: TicketEventRow): void {
  statements.insertEvent.run({
    ticketId: event.ticketId,
    type: event.type,
    at: event.at,
    desk: event.desk ?? null,
    service: event.service ?? null,
    actor: event.actor ?? null,
    detail: event.detail === undefined ? null : JSON.stringify(event.detail),
  });
}
