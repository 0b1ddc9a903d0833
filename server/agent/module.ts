/**
 * The queue as a kiosk agent serves it to its own screen: the same routes the hub's queue module
 * has for a kiosk (site, services, this kiosk, take a ticket, print it), answered by asking the hub
 * and printing on this kiosk's own ticket printer. With the hub away a tap gets an offline ticket
 * (server/agent/kiosk-tickets.ts), delivered to the hub by an outbox once it is back.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type AgentStatus, type KioskTicket } from '../../contract/agent.js';
import { IssuedTicket, IssueTicketRequest, PrintTicketRequest } from '../../contract/queue.js';
import { ModuleState, type ServerContext, type ServerModule } from '../context.js';
import { HttpError, notFound, parseInput } from '../http/errors.js';
import { httpSender } from '../outbox/http-sender.js';
import { Outbox, type OutboxStatus } from '../outbox/outbox.js';
import { printOn, ticketPrintout, ticketStatusUrl } from '../queue/printing.js';
import { KioskParams, registerSiteRoutes } from '../queue/site-routes.js';
import { HubRefused, HubUnreachable, type HubLink } from './hub-link.js';
import { kioskTicketMigrations, KioskTickets, OfflineTicketPayload } from './kiosk-tickets.js';

export const offlineOutboxName = 'offline-tickets';

export interface AgentQueueModuleOptions {
  link: HubLink;
  kioskId: string;
  configVersion: string;
  /** A newer config fetched from the hub and not applied yet. */
  pendingConfigVersion: () => string | null;
  /** How long a tap waits for the hub before the ticket is issued offline. */
  issueTimeoutMs?: number;
  /** Outbox timings for tests. */
  outbox?: { baseDelayMs?: number; maxDelayMs?: number; pollIntervalMs?: number };
}

export interface AgentQueueModule extends ServerModule {
  status(): AgentStatus;
  /** The offline tickets' outbox (the heartbeat). */
  outboxStatus(): OutboxStatus;
  /** Sends every offline ticket not yet delivered now (also done whenever the hub comes back). */
  deliverOffline(): Promise<void>;
}

interface AgentQueueState {
  tickets: KioskTickets;
  outbox: Outbox;
  stopWatching?: () => void;
}

const hubError = (error: HubRefused) => new HttpError(error.status, error.code, error.message, error.field);

export function createAgentQueueModule(options: AgentQueueModuleOptions): AgentQueueModule {
  const state = new ModuleState<AgentQueueState>('agent queue');
  const { link, kioskId } = options;
  const issueTimeoutMs = options.issueTimeoutMs ?? 700;

  const status = (): AgentStatus => ({
    kioskId,
    hub: link.state,
    hubUrl: link.hubUrl,
    clockOffsetMs: link.clockOffsetMs,
    lastContactAt: link.lastContactAt?.toISOString() ?? null,
    configVersion: options.configVersion,
    pendingConfigVersion: options.pendingConfigVersion(),
    offlineTicketsWaiting: state.current?.outbox.status().pending ?? 0,
  });

  return {
    name: 'agent-queue',
    migrations: kioskTicketMigrations,
    status,
    outboxStatus: () => state.get().outbox.status(),
    async deliverOffline() {
      await state.get().outbox.flush();
    },

    register(app: FastifyInstance, ctx: ServerContext) {
      const outbox = new Outbox(ctx.db, {
        name: offlineOutboxName,
        send: httpSender({
          url: new URL('/api/tickets/offline', link.hubUrl).toString(),
          machineCredential: link.credential,
          clock: ctx.clock,
          body: (item) => ({
            ...OfflineTicketPayload.parse(item.payload),
            kioskNow: ctx.clock.now().toISOString(),
            measuredOffsetMs: link.clockOffsetMs,
          }),
        }),
        clock: ctx.clock,
        logger: ctx.logger,
        baseDelayMs: options.outbox?.baseDelayMs ?? 1000,
        maxDelayMs: options.outbox?.maxDelayMs ?? 30_000,
        ...(options.outbox?.pollIntervalMs !== undefined ? { pollIntervalMs: options.outbox.pollIntervalMs } : {}),
      });
      const tickets = new KioskTickets(ctx.db, ctx.config, outbox);
      state.set({ tickets, outbox });

      registerSiteRoutes(app, ctx);

      app.get('/api/agent/status', async () => status());

      app.post('/api/tickets', async (request, reply) => {
        const input = parseInput(IssueTicketRequest, request.body);
        if (input.kiosk !== undefined && input.kiosk !== kioskId)
          throw new HttpError(
            400,
            'unknown-kiosk',
            `"kiosk": this is kiosk "${kioskId}", not "${input.kiosk}".`,
            'kiosk',
          );
        if (!ctx.config.services.some((s) => s.id === input.service))
          throw new HttpError(
            400,
            'unknown-service',
            `"service": there is no service "${input.service}" at this site.`,
            'service',
          );
        if (link.state === 'refused')
          throw new HttpError(
            503,
            'kiosk-not-accepted',
            `The hub no longer accepts this kiosk (${link.refusedBecause ?? 'refused'}). Ask facilities to enrol it again.`,
          );
        const id = input.id ?? randomUUID();
        if (link.state === 'online') {
          try {
            const issued = await link.request(
              'POST',
              '/api/tickets',
              IssuedTicket,
              { service: input.service, priority: input.priority, kiosk: kioskId, id },
              issueTimeoutMs,
            );
            return reply.status(201).send(tickets.recordHubTicket(issued));
          } catch (error) {
            if (error instanceof HubRefused) throw hubError(error);
            if (!(error instanceof HubUnreachable)) throw error;
            // The hub did not answer in time: this tap is issued offline under the same id, which the
            // hub matches if it did issue it after all (one tap, one ticket).
          }
        }
        const ticket: KioskTicket = tickets.issueOffline({
          id,
          service: input.service,
          priority: input.priority,
          kiosk: kioskId,
          now: ctx.clock.now(),
          clockOffsetMs: link.clockOffsetMs,
        });
        ctx.logger.info({ ticket: ticket.number, id: ticket.id }, 'ticket issued offline');
        return reply.status(201).send(ticket);
      });

      app.post('/api/kiosks/:kiosk/print-ticket', async (request) => {
        const { kiosk } = parseInput(KioskParams, request.params, 'path');
        if (kiosk !== kioskId) throw notFound('kiosk', kiosk);
        const { ticketId } = parseInput(PrintTicketRequest, request.body);
        const ticket = tickets.byId(ticketId);
        if (!ticket) throw notFound('ticket', ticketId);
        const printout = ticketPrintout(
          ctx.config,
          ticket,
          ticketStatusUrl(ctx.config.site.ticketStatusUrl, ticket.id),
        );
        const outcome = await printOn(ctx.devices.forKiosk(kioskId), printout);
        if (!outcome.printed)
          ctx.logger.warn({ kiosk, ticket: ticket.number, reason: outcome.reason }, 'ticket not printed');
        return outcome;
      });
    },

    start() {
      const running = state.get();
      running.outbox.start();
      running.stopWatching = link.onChange((hub) => {
        if (hub === 'online') void running.outbox.flush().catch(() => undefined);
      });
    },

    async stop() {
      const running = state.current;
      running?.stopWatching?.();
      await running?.outbox.stop();
    },
  };
}
