/**
 * Tickets a kiosk issued while the hub was away, delivered by its outbox (docs/queue.md "Offline
 * tickets"). The kiosk's clock is corrected by the offset measured at delivery, never past the hub's
 * now; the ticket then joins the queue by that issue time. Each id is stored once: a repeat
 * delivery changes nothing, and a tap the hub had already issued (the agent gave up waiting for the
 * answer) keeps its one ticket, renumbered to the offline number the resident holds.
 */
import {
  formatOfflineNumber,
  offlineSeriesByKiosk,
  type OfflineTicket,
  type OfflineTicketAccepted,
} from '../../contract/agent.js';
import type { SiteConfig } from '../../contract/config.js';
import type { QueueEvent } from '../../contract/queue.js';
import { HttpError, conflict } from '../http/errors.js';
import type { Db } from '../store/database.js';
import { zonedDay } from '../zoned-time.js';
import { recordEvent, toTicket, type QueueStatements, type TicketRow } from './store.js';

export interface OfflineIntakeDeps {
  db: Db;
  config: SiteConfig;
  sql: QueueStatements;
  publish(type: QueueEvent['type'], row: TicketRow, at: string): void;
}

/** A kiosk's own ticket id already names another ticket (another kiosk's, or another service's). */
export function idInUse(row: TicketRow, kiosk: string | null): HttpError {
  const holder = row.kiosk === null ? 'issued without a kiosk' : `of ${row.kiosk}`;
  return conflict(
    'id-in-use',
    `Ticket id ${row.id} is already ticket ${row.number} (${row.issued_service}, ${holder}), so ${kiosk ?? 'this request'} cannot use it for another ticket: make a new id for each tap.`,
  );
}

/** The checks a new offline ticket must pass; each refusal names the field at fault. */
function checkOfflineTicket(config: SiteConfig, kioskId: string, ticket: OfflineTicket) {
  if (!config.kiosks.some((k) => k.id === kioskId))
    throw new HttpError(
      400,
      'unknown-kiosk',
      `${kioskId} is not a kiosk in the site config of ${config.site.name}, so its offline tickets cannot be taken: add it under "kiosks" in the site config.`,
    );
  const service = config.services.find((s) => s.id === ticket.service);
  if (!service)
    throw new HttpError(
      400,
      'unknown-service',
      `"service": there is no service "${ticket.service}" at this site.`,
      'service',
    );
  const series = offlineSeriesByKiosk(config.kiosks).get(kioskId);
  if (series === undefined)
    throw new HttpError(
      400,
      'no-offline-series',
      `"series": ${kioskId} has no offline series (every letter is taken by other kiosks): give it one ("offlineSeries") in the site config.`,
      'series',
    );
  if (ticket.series !== series)
    throw new HttpError(
      400,
      'wrong-series',
      `"series": ${kioskId} numbers its offline tickets in series "${series}", not "${ticket.series}": it runs an old config; fetch the current one from the hub.`,
      'series',
    );
  const number = formatOfflineNumber(service.prefix, series, ticket.serial);
  if (ticket.number !== number)
    throw new HttpError(
      400,
      'wrong-number',
      `"number": ticket ${ticket.serial} of ${service.id} in series ${series} is "${number}", not "${ticket.number}".`,
      'number',
    );
  return { service, series, number };
}

/** How far a kiosk's own clock measurement may differ from the hub's and still be taken. */
const offsetToleranceMs = 1000;

export function acceptOfflineTicket(
  deps: OfflineIntakeDeps,
  kioskId: string,
  ticket: OfflineTicket,
  hubNow: Date,
): OfflineTicketAccepted {
  const { sql } = deps;
  const receivedAt = hubNow.toISOString();
  const hubMeasuredMs = hubNow.getTime() - Date.parse(ticket.kioskNow);
  // The one-way measurement also counts the delivery's own transit, which varies; the kiosk's
  // round-trip figure does not. The kiosk's is used only if the hub's own measurement backs it.
  const claimed = ticket.measuredOffsetMs;
  const clockOffsetMs =
    claimed !== undefined && claimed !== null && Math.abs(claimed - hubMeasuredMs) <= offsetToleranceMs
      ? claimed
      : hubMeasuredMs;
  // A kiosk clock running fast, or a delivery that took long, must not put a tap in the future.
  const issuedAt = new Date(Math.min(Date.parse(ticket.issuedAtKiosk) + clockOffsetMs, hubNow.getTime()));

  const outcome = deps.db
    .transaction((): { row: TicketRow; stored: boolean; published: QueueEvent['type'][] } => {
      const existing = sql.byId.get(ticket.id);
      if (existing && existing.series !== '') {
        if (existing.kiosk !== kioskId || existing.number !== ticket.number) throw idInUse(existing, kioskId);
        return { row: existing, stored: false, published: [] };
      }
      const { service, series, number } = checkOfflineTicket(deps.config, kioskId, ticket);
      if (existing) {
        // The agent asked the hub for this tap, gave up waiting and issued it offline as well.
        if (existing.kiosk !== kioskId || existing.issued_service !== service.id) throw idInUse(existing, kioskId);
        if (existing.state !== 'waiting' || existing.number === number)
          return { row: existing, stored: false, published: [] };
        refuseTakenNumber(sql, existing.day, number, ticket.id);
        sql.renumber.run({
          id: existing.id,
          series,
          serial: ticket.serial,
          number,
          issued_at_kiosk: ticket.issuedAtKiosk,
        });
        recordEvent(sql, {
          ticketId: existing.id,
          type: 'renumbered',
          at: receivedAt,
          service: existing.service,
          actor: kioskId,
          detail: { from: existing.number, to: number, issuedAtKiosk: ticket.issuedAtKiosk, clockOffsetMs },
        });
        return { row: requireRow(sql, existing.id), stored: false, published: ['ticket.issued'] };
      }

      const day = zonedDay(issuedAt, deps.config.site.timeZone);
      refuseTakenNumber(sql, day, number, ticket.id);
      sql.insertTicket.run({
        id: ticket.id,
        day,
        issued_service: service.id,
        series,
        serial: ticket.serial,
        number,
        service: service.id,
        priority: ticket.priority ? 1 : 0,
        issued_at: issuedAt.toISOString(),
        issued_at_kiosk: ticket.issuedAtKiosk,
        kiosk: kioskId,
      });
      recordEvent(sql, {
        ticketId: ticket.id,
        type: 'issued',
        at: issuedAt.toISOString(),
        service: service.id,
        actor: kioskId,
        detail: {
          priority: ticket.priority,
          offline: true,
          issuedAtKiosk: ticket.issuedAtKiosk,
          clockOffsetMs,
          receivedAt,
        },
      });
      if (day < zonedDay(hubNow, deps.config.site.timeZone)) {
        // Issued on a day already over: closed as the end of that day would have closed it.
        sql.finish.run('closed', receivedAt, ticket.id);
        recordEvent(sql, {
          ticketId: ticket.id,
          type: 'closed',
          at: receivedAt,
          service: service.id,
          actor: null,
          detail: { by: 'end-of-day', from: 'waiting' },
        });
        return { row: requireRow(sql, ticket.id), stored: true, published: ['ticket.closed'] };
      }
      return { row: requireRow(sql, ticket.id), stored: true, published: ['ticket.issued'] };
    })
    .immediate();
  for (const type of outcome.published) deps.publish(type, outcome.row, receivedAt);
  return { ticket: toTicket(outcome.row), stored: outcome.stored, clockOffsetMs };
}

function refuseTakenNumber(sql: QueueStatements, day: string, number: string, id: string): void {
  const holder = sql.byNumber.get(day, number);
  if (holder && holder.id !== id)
    throw new HttpError(
      409,
      'number-in-use',
      `"number": ${number} was already given on ${day} to another ticket (${holder.id}${holder.kiosk ? `, of ${holder.kiosk}` : ''}). A kiosk never repeats a number in a day, so its offline counter was reset or two kiosks share a series: check "offlineSeries" in the site config.`,
      'number',
    );
}

function requireRow(sql: QueueStatements, id: string): TicketRow {
  const row = sql.byId.get(id);
  if (!row) throw new Error(`ticket ${id} vanished inside its own transaction`);
  return row;
}
