/**
 * The queue's actions. Each change is one IMMEDIATE SQLite transaction (the write lock is taken
 * before anything is read, so two kiosks — or two server processes on one file — can never be
 * given the same number or call the same ticket), followed by one pushed event once committed.
 * A wrong-state action is a 409 and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { OfflineTicket, OfflineTicketAccepted } from '../../contract/agent.js';
import type { SiteConfig } from '../../contract/config.js';
import type {
  DeskStatus,
  IssuedTicket,
  PrintTicketResponse,
  QueueEntry,
  QueueEvent,
  RecentCall,
  Ticket,
  TicketState,
  TicketStatus,
} from '../../contract/queue.js';
import type { Clock } from '../clock.js';
import type { EventHub } from '../events.js';
import { HttpError, conflict, notFound } from '../http/errors.js';
import type { Db } from '../store/database.js';
import { estimateWaitSeconds, meanServiceSeconds, toWholeMinutes, type DeskLoad } from './estimate.js';
import { acceptOfflineTicket, idInUse } from './offline.js';
import { orderForDesk, orderService, orderingRules } from './ordering.js';
import {
  formatNumber,
  queueStatements,
  recordEvent,
  toTicket,
  type QueueStatements,
  type TicketRow,
  type WaitingKeys,
} from './store.js';
import { zonedDay } from '../zoned-time.js';

export interface QueueDeps {
  db: Db;
  clock: Clock;
  config: SiteConfig;
  events: EventHub;
}

const asWaiting = (row: WaitingKeys) => ({
  id: row.id,
  service: row.service,
  priority: row.priority === 1,
  issuedAt: row.issued_at,
  seq: row.seq,
});

const finalStates: readonly TicketState[] = ['completed', 'no-show', 'closed'];
const maxServiceSampleSeconds = 4 * 3600;

export class Queue {
  private readonly sql: QueueStatements;

  constructor(private readonly deps: QueueDeps) {
    this.sql = queueStatements(deps.db);
  }

  private get config(): SiteConfig {
    return this.deps.config;
  }

  private service(id: string) {
    return this.config.services.find((s) => s.id === id);
  }

  private desk(id: string) {
    return this.config.desks.find((d) => d.id === id);
  }

  /** Services a desk calls from, in the desk's own order (empty list = every service, in site order). */
  private deskServices(deskId: string): string[] {
    const desk = this.desk(deskId);
    if (!desk) return [];
    return desk.services.length > 0 ? desk.services : this.config.services.map((s) => s.id);
  }

  private requireService(id: string, field = 'service') {
    const service = this.service(id);
    if (!service)
      throw new HttpError(400, 'unknown-service', `"${field}": there is no service "${id}" at this site.`, field);
    return service;
  }

  private requireDesk(id: string) {
    const desk = this.desk(id);
    if (!desk) throw notFound('desk', id);
    return desk;
  }

  private requireTicket(id: string): TicketRow {
    const row = this.sql.byId.get(id);
    if (!row) throw notFound('ticket', id);
    return row;
  }

  private publish(type: QueueEvent['type'], row: TicketRow, at: string): void {
    const event: QueueEvent = { type, at, ticket: toTicket(row) };
    this.deps.events.publish(event);
  }

  // ── issuing ───────────────────────────────────────────────────────────────────────────────

  issue(request: { service: string; priority: boolean; kiosk?: string | undefined }): IssuedTicket {
    return this.issueTicket(request).ticket;
  }

  /**
   * A kiosk machine's tap under the id its agent made for it: a repeat of that id (the agent retrying
   * an answer it did not get) answers the ticket already issued instead of a second number.
   */
  issueOnce(request: { id: string; service: string; priority: boolean; kiosk: string }): {
    ticket: IssuedTicket;
    created: boolean;
  } {
    return this.issueTicket(request);
  }

  private issueTicket(request: {
    service: string;
    priority: boolean;
    kiosk?: string | undefined;
    id?: string | undefined;
  }): { ticket: IssuedTicket; created: boolean } {
    const service = this.requireService(request.service);
    const result = this.deps.db
      .transaction(() => {
        const now = this.deps.clock.now();
        const at = now.toISOString();
        const existing = request.id === undefined ? undefined : this.sql.byId.get(request.id);
        if (existing) {
          if (existing.kiosk !== (request.kiosk ?? null) || existing.issued_service !== service.id)
            throw idInUse(existing, request.kiosk ?? null);
          return { row: existing, at, created: false, ...this.placeOf(existing, now) };
        }
        const day = zonedDay(now, this.config.site.timeZone);
        const serial = this.sql.nextSerial.get(service.id, day)?.last_number;
        if (serial === undefined) throw new Error('ticket counter returned nothing');
        const id = request.id ?? randomUUID();
        this.sql.insertTicket.run({
          id,
          day,
          issued_service: service.id,
          series: '',
          serial,
          number: formatNumber(service.prefix, serial),
          service: service.id,
          priority: request.priority ? 1 : 0,
          issued_at: at,
          issued_at_kiosk: null,
          kiosk: request.kiosk ?? null,
        });
        recordEvent(this.sql, {
          ticketId: id,
          type: 'issued',
          at,
          service: service.id,
          actor: request.kiosk ?? null,
          detail: { priority: request.priority },
        });
        const row = this.requireTicket(id);
        return { row, at, created: true, ...this.placeInQueue(row, now) };
      })
      .immediate();
    if (result.created) this.publish('ticket.issued', result.row, result.at);
    return {
      ticket: { ...toTicket(result.row), position: result.position, estimatedWaitMinutes: result.estimatedWaitMinutes },
      created: result.created,
    };
  }

  /** A ticket a kiosk issued while the hub was away, delivered now (server/queue/offline.ts). */
  acceptOffline(kioskId: string, ticket: OfflineTicket, hubNow: Date): OfflineTicketAccepted {
    return acceptOfflineTicket(
      {
        db: this.deps.db,
        config: this.config,
        sql: this.sql,
        publish: (type, row, at) => this.publish(type, row, at),
      },
      kioskId,
      ticket,
      hubNow,
    );
  }

  // ── desk actions ──────────────────────────────────────────────────────────────────────────

  /**
   * Calls the next ticket for a desk. The desk's current customer (a ticket called to this desk
   * and not yet finished) is completed first, as "Next" does on most queue systems. null = no one waiting.
   */
  callNext(deskId: string, actor: string | null): Ticket | null {
    this.requireDesk(deskId);
    const outcome = this.deps.db
      .transaction(() => {
        const now = this.deps.clock.now();
        const at = now.toISOString();
        const finished: TicketRow[] = [];
        for (const current of this.sql.atDesks.all().filter((row) => row.desk === deskId)) {
          this.sql.finish.run('completed', at, current.id);
          recordEvent(this.sql, {
            ticketId: current.id,
            type: 'completed',
            at,
            desk: deskId,
            service: current.service,
            actor,
            detail: { by: 'call-next' },
          });
          finished.push(this.requireTicket(current.id));
        }
        const next = orderForDesk(
          this.sql.waitingKeys.all().map(asWaiting),
          this.deskServices(deskId),
          orderingRules(this.config),
          now,
        )[0];
        this.sql.touchDesk.run(deskId, actor, at);
        if (!next) return { at, finished, called: null };
        this.sql.call.run(deskId, at, at, next.id);
        recordEvent(this.sql, { ticketId: next.id, type: 'called', at, desk: deskId, service: next.service, actor });
        return { at, finished, called: this.requireTicket(next.id) };
      })
      .immediate();
    for (const row of outcome.finished) this.publish('ticket.completed', row, outcome.at);
    if (!outcome.called) return null;
    this.publish('ticket.called', outcome.called, outcome.at);
    return toTicket(outcome.called);
  }

  recall(id: string, actor: string | null): Ticket {
    return this.change(id, ['called', 'serving'], 'recalled', 'ticket.recalled', actor, (row, at) => {
      this.sql.recall.run(at, row.id);
    });
  }

  noShow(id: string, actor: string | null): Ticket {
    return this.change(id, ['called'], 'no-show', 'ticket.no-show', actor, (row, at) => {
      this.sql.finish.run('no-show', at, row.id);
    });
  }

  complete(id: string, actor: string | null): Ticket {
    return this.change(id, ['called', 'serving'], 'completed', 'ticket.completed', actor, (row, at) => {
      this.sql.finish.run('completed', at, row.id);
    });
  }

  /**
   * Moves a ticket to another service's queue. It keeps its number and its issue time (the resident
   * has been waiting since arrival, so the wait standard and its place in the new queue count from
   * then); a first call already made still counts.
   */
  transfer(id: string, toService: string, actor: string | null): Ticket {
    this.requireService(toService);
    const row = this.requireTicket(id);
    if (row.service === toService)
      throw new HttpError(
        400,
        'same-service',
        `"service": ticket ${row.number} is already in "${toService}".`,
        'service',
      );
    return this.change(
      id,
      ['waiting', 'called', 'serving'],
      'transferred',
      'ticket.transferred',
      actor,
      (current, at) => {
        this.sql.moveToService.run(toService, current.id);
        return { from: current.service, to: toService, desk: current.desk, at };
      },
    );
  }

  /** A waiting resident who has left (or staff closing the list): the ticket is closed unserved. */
  close(id: string, actor: string | null): Ticket {
    return this.change(id, ['waiting'], 'closed', 'ticket.closed', actor, (row, at) => {
      this.sql.finish.run('closed', at, row.id);
    });
  }

  /**
   * End of day: every ticket of an earlier site day still waiting or at a desk is closed (a called
   * one keeps its call, so its wait still counts). Runs at start-up and every minute.
   */
  closeEarlierDays(): number {
    const now = this.deps.clock.now();
    const today = zonedDay(now, this.config.site.timeZone);
    const closed = this.deps.db
      .transaction(() => {
        const at = now.toISOString();
        const rows = this.sql.unfinishedBefore.all(today);
        for (const row of rows) {
          this.sql.finish.run('closed', at, row.id);
          recordEvent(this.sql, {
            ticketId: row.id,
            type: 'closed',
            at,
            desk: row.desk,
            service: row.service,
            actor: null,
            detail: { by: 'end-of-day', from: row.state },
          });
        }
        return { at, rows: rows.map((row) => this.requireTicket(row.id)) };
      })
      .immediate();
    for (const row of closed.rows) this.publish('ticket.closed', row, closed.at);
    return closed.rows.length;
  }

  private change(
    id: string,
    allowed: readonly TicketState[],
    historyType: string,
    eventType: QueueEvent['type'],
    actor: string | null,
    apply: (row: TicketRow, at: string) => unknown,
  ): Ticket {
    const outcome = this.deps.db
      .transaction(() => {
        const row = this.requireTicket(id);
        if (!allowed.includes(row.state)) throw wrongState(row, historyType, allowed);
        const at = this.deps.clock.now().toISOString();
        const detail = apply(row, at);
        recordEvent(this.sql, {
          ticketId: row.id,
          type: historyType,
          at,
          desk: row.desk,
          service: row.service,
          actor,
          detail: detail ?? undefined,
        });
        if (row.desk) this.sql.touchDesk.run(row.desk, null, at);
        return { at, row: this.requireTicket(id) };
      })
      .immediate();
    this.publish(eventType, outcome.row, outcome.at);
    return toTicket(outcome.row);
  }

  /** Kept in the ticket's history, so a "my ticket did not print" complaint can be checked. */
  recordPrint(id: string, kiosk: string, outcome: PrintTicketResponse): void {
    const row = this.requireTicket(id);
    recordEvent(this.sql, {
      ticketId: id,
      type: outcome.printed ? 'printed' : 'print-failed',
      at: this.deps.clock.now().toISOString(),
      service: row.service,
      actor: kiosk,
      detail: outcome.printed ? undefined : { reason: outcome.reason, detail: outcome.detail },
    });
  }

  // ── reading ───────────────────────────────────────────────────────────────────────────────

  /** The waiting tickets in the order they will be called (for one desk, or for the whole site). */
  queue(options: { desk?: string | undefined; service?: string | undefined } = {}): QueueEntry[] {
    const now = this.deps.clock.now();
    let services = this.config.services.map((s) => s.id);
    if (options.desk) {
      this.requireDesk(options.desk);
      services = this.deskServices(options.desk);
    }
    if (options.service) {
      this.requireService(options.service);
      services = services.filter((s) => s === options.service);
    }
    const snapshot = this.snapshot(now);
    const rows = new Map(this.sql.waiting.all().map((row) => [row.id, row]));
    return orderForDesk(snapshot.waiting, services, orderingRules(this.config), now)
      .flatMap(({ id }) => {
        const row = rows.get(id);
        return row ? [row] : [];
      })
      .map((row) => ({
        ...toTicket(row),
        ...this.placeFromSnapshot(row, snapshot, now),
        waitedSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(row.issued_at)) / 1000)),
      }));
  }

  ticketStatus(id: string): TicketStatus {
    const row = this.requireTicket(id);
    const now = this.deps.clock.now();
    if (row.state !== 'waiting') return { ...toTicket(row), position: null, estimatedWaitMinutes: null };
    return { ...toTicket(row), ...this.placeFromSnapshot(row, this.snapshot(now), now) };
  }

  ticketRow(id: string): TicketRow {
    return this.requireTicket(id);
  }

  /** The latest calls and recalls (numbers and desks only: this is shown in the lobby). */
  recentCalls(limit = 10): RecentCall[] {
    const since = new Date(this.deps.clock.now().getTime() - 12 * 3600_000).toISOString();
    return this.sql.recentCalls.all(since, limit).map((call) => ({
      ticketId: call.ticket_id,
      number: call.number,
      service: call.service,
      desk: call.desk,
      deskName: this.desk(call.desk)?.name ?? call.desk,
      calledAt: call.at,
      recall: call.type === 'recalled',
    }));
  }

  desks(): DeskStatus[] {
    const now = this.deps.clock.now();
    const open = this.openDesks(now);
    const current = this.sql.atDesks.all();
    return this.config.desks.map((desk) => {
      const at = current
        .filter((row) => row.desk === desk.id)
        .sort((a, b) => ((a.last_called_at ?? '') < (b.last_called_at ?? '') ? 1 : -1))[0];
      return { ...desk, open: open.has(desk.id), current: at ? toTicket(at) : null };
    });
  }

  openDesk(deskId: string, actor: string): DeskStatus {
    this.requireDesk(deskId);
    this.sql.touchDesk.run(deskId, actor, this.deps.clock.now().toISOString());
    return this.deskStatus(deskId);
  }

  closeDesk(deskId: string): DeskStatus {
    this.requireDesk(deskId);
    this.sql.closeDesk.run(this.deps.clock.now().toISOString(), deskId);
    return this.deskStatus(deskId);
  }

  private deskStatus(deskId: string): DeskStatus {
    const status = this.desks().find((d) => d.id === deskId);
    if (!status) throw notFound('desk', deskId);
    return status;
  }

  // ── estimates ─────────────────────────────────────────────────────────────────────────────

  private openDesks(now: Date): Set<string> {
    const windowStart = new Date(now.getTime() - this.config.estimate.openDeskWindowMinutes * 60_000).toISOString();
    const open = new Set<string>();
    for (const activity of this.sql.deskActivity.all()) {
      const closedSinceActive = activity.closed_at !== null && activity.closed_at >= activity.last_active_at;
      if (!closedSinceActive && activity.last_active_at >= windowStart) open.add(activity.desk);
    }
    for (const row of this.sql.atDesks.all()) if (row.desk) open.add(row.desk);
    return open;
  }

  /** Everything an estimate needs, read once; service orders are computed on first use. */
  private snapshot(now: Date) {
    const waiting = this.sql.waitingKeys.all().map(asWaiting);
    const rules = orderingRules(this.config);
    const orders = new Map<string, Map<string, number>>();
    const loads = new Map<string, DeskLoad[]>();
    return {
      waiting,
      atDesks: this.sql.atDesks.all(),
      open: this.openDesks(now),
      means: new Map<string, number>(),
      /** Computed once per service per read. */
      loadsOf: (service: string, make: () => DeskLoad[]): DeskLoad[] => {
        let made = loads.get(service);
        if (!made) {
          made = make();
          loads.set(service, made);
        }
        return made;
      },
      servicesWaiting: new Set(waiting.map((t) => t.service)),
      /** 1-based place of a ticket in its service's call order. */
      positionOf: (service: string, id: string): number | undefined => {
        let order = orders.get(service);
        if (!order) {
          order = new Map(
            orderService(
              waiting.filter((t) => t.service === service),
              rules,
              now,
            ).map((t, i) => [t.id, i + 1]),
          );
          orders.set(service, order);
        }
        return order.get(id) ?? order.size + 1;
      },
    };
  }

  private placeInQueue(row: TicketRow, now: Date) {
    return this.placeFromSnapshot(row, this.snapshot(now), now);
  }

  /** As at issue; a ticket already called (a late repeat of its tap) is at the front with no wait. */
  private placeOf(row: TicketRow, now: Date) {
    return row.state === 'waiting' ? this.placeInQueue(row, now) : { position: 1, estimatedWaitMinutes: 0 };
  }

  private meanServiceSeconds(serviceId: string, now: Date, cache: Map<string, number>): number {
    const cached = cache.get(serviceId);
    if (cached !== undefined) return cached;
    const since = new Date(now.getTime() - this.config.estimate.serviceTimeWindowMinutes * 60_000).toISOString();
    const samples = this.sql.recentServiceTimes
      .all(serviceId, since, this.config.estimate.serviceTimeSamples)
      .map((s) => Math.min(maxServiceSampleSeconds, Math.max(0, s.seconds)));
    const mean = meanServiceSeconds(samples, this.service(serviceId)?.defaultServiceSeconds ?? 300);
    cache.set(serviceId, mean);
    return mean;
  }

  /** The desks a ticket of this service waits for, and how busy each is (the same for every ticket of the service). */
  private deskLoads(service: string, snapshot: ReturnType<Queue['snapshot']>, now: Date): DeskLoad[] {
    const servingDesks = this.config.desks.filter((desk) => this.deskServices(desk.id).includes(service));
    const openDesks = servingDesks.filter((desk) => snapshot.open.has(desk.id));
    // No desk open yet (start of the day): assume the desks that serve this service will open.
    const desks = openDesks.length > 0 ? openDesks : servingDesks;
    const servicesWaiting = new Set(snapshot.servicesWaiting).add(service);
    return desks.map((desk) => {
      const current = snapshot.atDesks.find((t) => t.desk === desk.id);
      return {
        sharedBetween: this.deskServices(desk.id).filter((s) => servicesWaiting.has(s)).length,
        busyForSeconds: current?.last_called_at ? (now.getTime() - Date.parse(current.last_called_at)) / 1000 : null,
      };
    });
  }

  private placeFromSnapshot(
    row: TicketRow,
    snapshot: ReturnType<Queue['snapshot']>,
    now: Date,
  ): { position: number; estimatedWaitMinutes: number } {
    const position = snapshot.positionOf(row.service, row.id) ?? 1;
    const mean = this.meanServiceSeconds(row.service, now, snapshot.means);
    const loads = snapshot.loadsOf(row.service, () => this.deskLoads(row.service, snapshot, now));
    const seconds = estimateWaitSeconds({ ahead: position - 1, meanServiceSeconds: mean, desks: loads });
    return { position, estimatedWaitMinutes: toWholeMinutes(seconds) };
  }
}

function wrongState(row: TicketRow, action: string, allowed: readonly TicketState[]): HttpError {
  const verb: Record<string, string> = {
    recalled: 'recall',
    'no-show': 'mark as no-show',
    completed: 'complete',
    transferred: 'transfer',
    closed: 'close',
  };
  const final = finalStates.includes(row.state) ? ' (it is finished)' : '';
  return conflict(
    'wrong-state',
    `Cannot ${verb[action] ?? action} ticket ${row.number}: it is ${row.state}${final}; only a ${allowed.join(' or ')} ticket can be.`,
  );
}
