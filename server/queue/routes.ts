/**
 * Queue HTTP routes. Public (the kiosk and the lobby board are not signed in): the site routes, desks,
 * issuing a ticket, a ticket's own status, recent calls, printing. Staff: everything that changes a
 * ticket after issue, and the queue detail.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DeskId, IssueTicketRequest, PrintTicketRequest, ServiceId, TransferRequest } from '../../contract/queue.js';
import { staffOf } from '../auth/require-staff.js';
import type { ServerContext } from '../context.js';
import { HttpError, notFound, parseInput } from '../http/errors.js';
import { printOn, ticketPrintout, ticketStatusUrl } from './printing.js';
import { KioskParams, registerSiteRoutes } from './site-routes.js';
import type { Queue } from './queue.js';

const TicketParams = z.object({ id: z.string().min(1).max(100) });
const DeskParams = z.object({ desk: DeskId });
const QueueQuery = z.strictObject({ desk: DeskId.optional(), service: ServiceId.optional() });
const RecentQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export function registerQueueRoutes(app: FastifyInstance, ctx: ServerContext, queue: Queue): void {
  const actor = (request: Parameters<typeof staffOf>[0]) => staffOf(request)?.username ?? null;

  registerSiteRoutes(app, ctx);

  app.get('/api/desks', async () => queue.desks());

  app.post('/api/tickets', async (request, reply) => {
    const input = parseInput(IssueTicketRequest, request.body);
    if (input.kiosk !== undefined && !ctx.config.kiosks.some((k) => k.id === input.kiosk)) {
      throw new HttpError(400, 'unknown-kiosk', `"kiosk": there is no kiosk "${input.kiosk}" at this site.`, 'kiosk');
    }
    const ticket = queue.issue(input);
    return reply.status(201).send(ticket);
  });

  app.get('/api/tickets/:id', async (request) =>
    queue.ticketStatus(parseInput(TicketParams, request.params, 'path').id),
  );

  app.get('/api/calls/recent', async (request) =>
    queue.recentCalls(parseInput(RecentQuery, request.query, 'query').limit),
  );

  app.get('/api/queue', { preHandler: ctx.requireStaff }, async (request) => {
    const query = parseInput(QueueQuery, request.query, 'query');
    return queue.queue(query);
  });

  app.post('/api/desks/:desk/call-next', { preHandler: ctx.requireStaff }, async (request, reply) => {
    const { desk } = parseInput(DeskParams, request.params, 'path');
    const ticket = queue.callNext(desk, actor(request));
    return ticket ? reply.status(200).send(ticket) : reply.status(204).send();
  });

  app.post('/api/desks/:desk/open', { preHandler: ctx.requireStaff }, async (request) => {
    const { desk } = parseInput(DeskParams, request.params, 'path');
    return queue.openDesk(desk, actor(request) ?? 'staff');
  });

  app.post('/api/desks/:desk/close', { preHandler: ctx.requireStaff }, async (request) => {
    const { desk } = parseInput(DeskParams, request.params, 'path');
    return queue.closeDesk(desk);
  });

  const ticketAction = (path: string, run: (id: string, by: string | null, body: unknown) => unknown) =>
    app.post(`/api/tickets/:id/${path}`, { preHandler: ctx.requireStaff }, async (request) => {
      const { id } = parseInput(TicketParams, request.params, 'path');
      return run(id, actor(request), request.body);
    });
  ticketAction('recall', (id, by) => queue.recall(id, by));
  ticketAction('no-show', (id, by) => queue.noShow(id, by));
  ticketAction('complete', (id, by) => queue.complete(id, by));
  ticketAction('close', (id, by) => queue.close(id, by));
  ticketAction('transfer', (id, by, body) => queue.transfer(id, parseInput(TransferRequest, body).service, by));

  app.post('/api/kiosks/:kiosk/print-ticket', async (request) => {
    const { kiosk } = parseInput(KioskParams, request.params, 'path');
    if (!ctx.config.kiosks.some((k) => k.id === kiosk)) throw notFound('kiosk', kiosk);
    const { ticketId } = parseInput(PrintTicketRequest, request.body);
    const status = queue.ticketStatus(ticketId);
    const printout = ticketPrintout(
      ctx.config,
      { ...status, position: status.position ?? 1, estimatedWaitMinutes: status.estimatedWaitMinutes ?? 0 },
      ticketStatusUrl(ctx.config.site.ticketStatusUrl, status.id),
    );
    const outcome = await printOn(ctx.devices.forKiosk(kiosk), printout);
    queue.recordPrint(status.id, kiosk, outcome);
    if (!outcome.printed)
      ctx.logger.warn({ kiosk, ticket: status.number, reason: outcome.reason }, 'ticket not printed');
    return outcome;
  });
}
