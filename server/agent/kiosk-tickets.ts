/**
 * Every ticket this kiosk handed out, kept in the agent's own SQLite file so a reprint works with
 * the hub away or after the agent restarts. Tickets issued offline are numbered here from this
 * kiosk's offline series and, in the same transaction, queued in the outbox that delivers them to
 * the hub (docs/queue.md "Offline tickets").
 */
import type { SiteConfig } from '../../contract/config.js';
import type { z } from 'zod';
import { formatOfflineNumber, KioskTicket, OfflineTicket } from '../../contract/agent.js';
import type { IssuedTicket } from '../../contract/queue.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Db, Migration, Statement } from '../store/database.js';
import { zonedDay } from '../zoned-time.js';

export const kioskTicketMigrations: readonly Migration[] = [
  {
    id: 'agent-001-kiosk-tickets',
    sql: `
      CREATE TABLE agent_tickets (
        id TEXT PRIMARY KEY,
        offline INTEGER NOT NULL CHECK (offline IN (0, 1)),
        issued_at TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE TABLE agent_offline_counters (
        service TEXT NOT NULL,
        day TEXT NOT NULL,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (service, day)
      );
    `,
  },
];

export const offlineTicketKind = 'offline-ticket';

/** The outbox payload; the sender adds `kioskNow` when it sends. */
export const OfflineTicketPayload = OfflineTicket.omit({ kioskNow: true, measuredOffsetMs: true });
export type OfflineTicketPayload = z.infer<typeof OfflineTicketPayload>;

export interface OfflineIssue {
  id: string;
  service: string;
  priority: boolean;
  kiosk: string;
  /** The kiosk's clock now. */
  now: Date;
  /** Last measured hub − kiosk clock difference, so the day a number belongs to is the hub's day. */
  clockOffsetMs: number | null;
}

export class KioskTickets {
  private readonly insert: Statement<[string, number, string, string]>;
  private readonly byIdStatement: Statement<[string], { body: string }>;
  private readonly nextSerial: Statement<[string, string], { last_number: number }>;

  constructor(
    private readonly db: Db,
    private readonly config: SiteConfig,
    private readonly outbox: Outbox,
  ) {
    this.insert = db.prepare('INSERT OR REPLACE INTO agent_tickets (id, offline, issued_at, body) VALUES (?, ?, ?, ?)');
    this.byIdStatement = db.prepare('SELECT body FROM agent_tickets WHERE id = ?');
    this.nextSerial = db.prepare(
      `INSERT INTO agent_offline_counters (service, day, last_number) VALUES (?, ?, 1)
       ON CONFLICT (service, day) DO UPDATE SET last_number = last_number + 1
       RETURNING last_number`,
    );
  }

  /** Keeps what the hub answered, for reprints. */
  recordHubTicket(ticket: IssuedTicket): KioskTicket {
    const kept: KioskTicket = { ...ticket, offline: false };
    this.insert.run(kept.id, 0, kept.issuedAt, JSON.stringify(kept));
    return kept;
  }

  /** Numbers a ticket from this kiosk's offline series and queues it for the hub, in one transaction. */
  issueOffline(issue: OfflineIssue): KioskTicket {
    const service = this.config.services.find((s) => s.id === issue.service);
    const kiosk = this.config.kiosks.find((k) => k.id === issue.kiosk);
    const series = kiosk?.offlineSeries;
    if (!service || !series) throw new Error(`Kiosk ${issue.kiosk} cannot number ${issue.service} offline.`);
    return this.db
      .transaction((): KioskTicket => {
        const hubNow = new Date(issue.now.getTime() + (issue.clockOffsetMs ?? 0));
        const day = zonedDay(hubNow, this.config.site.timeZone);
        const serial = this.nextSerial.get(service.id, day)?.last_number;
        if (serial === undefined) throw new Error('offline ticket counter returned nothing');
        const issuedAt = issue.now.toISOString();
        const ticket: KioskTicket = {
          id: issue.id,
          number: formatOfflineNumber(service.prefix, series, serial),
          service: service.id,
          priority: issue.priority,
          state: 'waiting',
          issuedAt,
          calledAt: null,
          lastCalledAt: null,
          completedAt: null,
          desk: null,
          kiosk: issue.kiosk,
          position: null,
          estimatedWaitMinutes: null,
          offline: true,
        };
        this.insert.run(ticket.id, 1, issuedAt, JSON.stringify(ticket));
        const payload: OfflineTicketPayload = {
          id: ticket.id,
          service: service.id,
          priority: issue.priority,
          series,
          serial,
          number: ticket.number,
          issuedAtKiosk: issuedAt,
        };
        this.outbox.enqueue(offlineTicketKind, ticket.id, payload);
        return ticket;
      })
      .immediate();
  }

  byId(id: string): KioskTicket | undefined {
    const row = this.byIdStatement.get(id);
    return row ? KioskTicket.parse(JSON.parse(row.body)) : undefined;
  }
}
