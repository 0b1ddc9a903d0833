/**
 * Queue HTTP routes. Public (the kiosk and the lobby board are not signed in): the site routes, desks,
 * issuing a ticket, a ticket's own status, recent calls, printing. Staff: everything that changes a
 * ticket after issue, and the queue detail. An enrolled kiosk machine (a kiosk agent): its offline
 * tickets, and issuing under its own ticket id.
 */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { z } from 'zod';
import { OfflineTicket, type OfflineTicketAccepted } from '../../contract/agent.js';
import { DeskId, IssueTicketRequest, PrintTicketRequest, ServiceId, TransferRequest } from '../../contract/queue.js';
import { staffOf } from '../auth/require-staff.js';
import type { ServerContext } from '../context.js';
import { HttpError, notFound, parseInput } from '../http/errors.js';
import type { MachinesModule } from '../machines/module.js';
import { machineCredential, machineOf } from '../machines/require-machine.js';
import { printOn, ticketPrintout, ticketStatusUrl } from './printing.js';
import { KioskParams, registerSiteRoutes } from './site-routes.js';
import type { Queue } from './queue.js';

const TicketParams = z.object({ id: z.string().min(1).max(100) });
const DeskParams = z.object({ desk: DeskId });
const QueueQuery = z.strictObject({ desk: DeskId.optional(), service: ServiceId.optional() });
const RecentQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export function registerQueueRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  queue: Queue,
  machines: Pick<MachinesModule, 'requireMachine'>,
): void {
  const actor = (request: Parameters<typeof staffOf>[0]) => staffOf(request)?.username ?? null;
  const requireKiosk = machines.requireMachine('kiosk');
  // The kiosk screen issues anonymously; a request that names a machine must be a valid kiosk one.
  const kioskMachineIfNamed: preHandlerHookHandler = function (request, reply, done) {
    if (machineCredential(request) === null) {
      done();
      return;
    }
    requireKiosk.call(this, request, reply, done);
  };

  registerSiteRoutes(app, ctx);

  app.get('/api/desks', async () => queue.desks());

  app.post('/api/tickets', { preHandler: kioskMachineIfNamed }, async (request, reply) => {
    const input = parseInput(IssueTicketRequest, request.body);
    const machine = machineOf(request);
    if (input.id !== undefined && !machine)
      throw new HttpError(
        403,
        'kiosk-machine-only',
        '"id": only an enrolled kiosk machine may give a ticket its id (Authorization: Machine <credential>); leave "id" out to be given a new ticket.',
        'id',
      );
    // An enrolled kiosk issues as itself, whatever the body says.
    const kiosk = machine ? machine.machineId : input.kiosk;
    if (kiosk !== undefined && !ctx.config.kiosks.some((k) => k.id === kiosk)) {
      if (machine)
        throw new HttpError(
          400,
          'unknown-kiosk',
          `${kiosk} is an enrolled kiosk but not a kiosk in the site config: add it under "kiosks" in the site config.`,
        );
      throw new HttpError(400, 'unknown-kiosk', `"kiosk": there is no kiosk "${kiosk}" at this site.`, 'kiosk');
    }
    if (input.id !== undefined && kiosk !== undefined) {
      const { ticket, created } = queue.issueOnce({ ...input, id: input.id, kiosk });
      return reply.status(created ? 201 : 200).send(ticket);
    }
    return reply.status(201).send(queue.issue({ ...input, kiosk }));
  });

  app.post('/api/tickets/offline', { preHandler: requireKiosk }, async (request, reply) => {
    const hubNow = ctx.clock.now();
    const machine = machineOf(request);
    if (!machine) throw new Error('requireMachine did not run before POST /api/tickets/offline.');
    const ticket = parseInput(OfflineTicket, request.body);
    const accepted: OfflineTicketAccepted = queue.acceptOffline(machine.machineId, ticket, hubNow);
    return reply.status(accepted.stored ? 201 : 200).send(accepted);
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
    const printout = ticketPrintout(ctx.config, status, ticketStatusUrl(ctx.config.site.ticketStatusUrl, status.id));
    const outcome = await printOn(ctx.devices.forKiosk(kiosk), printout);
    queue.recordPrint(status.id, kiosk, outcome);
    if (!outcome.printed)
      ctx.logger.warn({ kiosk, ticket: status.number, reason: outcome.reason }, 'ticket not printed');
    return outcome;
  });
}
