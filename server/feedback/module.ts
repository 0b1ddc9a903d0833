/**
 * The feedback module: `GET /api/feedback/config`, `POST /api/feedback`, the staff report
 * `GET /api/reports/feedback` (JSON or `?format=csv`), and forwarding to the office server when the
 * site config names one (`feedback.forwardTo`). Rules: docs/feedback-and-information.md.
 */
import type { FastifyInstance } from 'fastify';
import { FeedbackConfig, SubmitFeedbackRequest, type FeedbackScreenConfig } from '../../contract/feedback.js';
import { ModuleState, type ServerContext, type ServerModule } from '../context.js';
import { parseInput } from '../http/errors.js';
import type { Outbox, OutboxStatus } from '../outbox/outbox.js';
import type { TicketReader } from '../queue/ticket-reader.js';
import { createFeedbackOutbox, enqueueForOffice } from './forwarding.js';
import { FeedbackRecorder } from './recorder.js';
import { parseReportRange, reportFilename } from './report-range.js';
import { buildFeedbackReport, feedbackReportCsv, type TicketLookup } from './report.js';
import { FeedbackStore, feedbackMigrations } from './store.js';

export interface FeedbackModuleOptions {
  /**
   * The queue's tickets (the queue module's reader), to tag a response with its ticket's service
   * and wait. Without it (a deployment that runs no queue) no response is linked to a ticket.
   */
  tickets?: TicketReader;
  /** This machine's credential, presented by the forwarding outbox to the office (`feedback.forwardTo`). */
  officeCredential?: () => string | undefined;
  /** Outbox timings for tests; production uses the outbox defaults. */
  outbox?: { baseDelayMs?: number; pollIntervalMs?: number; timeoutMs?: number };
}

/** The feedback section with every default filled in, whether or not the site config has one. */
function feedbackSettings(ctx: Pick<ServerContext, 'config'>): FeedbackConfig {
  return ctx.config.feedback ?? FeedbackConfig.parse({});
}

export interface FeedbackModule extends ServerModule {
  /** The forwarding outbox's status (the fleet view); null when this server forwards nowhere. */
  outboxStatus(): OutboxStatus | null;
}

export function createFeedbackModule(options: FeedbackModuleOptions = {}): FeedbackModule {
  const state = new ModuleState<{ outbox: Outbox | null }>('feedback');
  const tickets = options.tickets;
  const lookupTicket: TicketLookup = tickets ? (ticketId) => tickets.waitOf(ticketId) : () => undefined;

  return {
    name: 'feedback',
    migrations: feedbackMigrations,
    outboxStatus: () => state.current?.outbox?.status() ?? null,

    register(app: FastifyInstance, ctx: ServerContext) {
      const settings = feedbackSettings(ctx);
      const store = new FeedbackStore(ctx.db);
      const forwardingOutbox = settings.forwardTo
        ? createFeedbackOutbox({
            db: ctx.db,
            clock: ctx.clock,
            logger: ctx.logger,
            officeUrl: settings.forwardTo,
            ...(options.officeCredential ? { officeCredential: options.officeCredential } : {}),
            ...options.outbox,
          })
        : null;
      state.set({ outbox: forwardingOutbox });
      const recorder = new FeedbackRecorder({
        db: ctx.db,
        store,
        clock: ctx.clock,
        siteId: ctx.config.site.id,
        config: settings,
        lookupTicket,
        services: ctx.config.services.map((service) => service.id),
        events: ctx.events,
        ...(forwardingOutbox
          ? { forward: (request: SubmitFeedbackRequest) => enqueueForOffice(forwardingOutbox, request) }
          : {}),
      });

      app.get('/api/feedback/config', async (): Promise<FeedbackScreenConfig> => ({
        reasons: settings.reasons,
        debounceSeconds: settings.debounceSeconds,
      }));

      app.post('/api/feedback', async (request, reply) => {
        const input = parseInput(SubmitFeedbackRequest, request.body);
        const outcome = recorder.record(input);
        return reply.code(outcome.status).send(outcome.body);
      });

      app.get('/api/reports/feedback', { preHandler: ctx.requireStaff }, async (request, reply) => {
        const range = parseReportRange(request.query, ctx.clock.now(), ctx.config.site.timeZone);
        const report = buildFeedbackReport({
          rows: store.between(range.from, range.to),
          from: range.from,
          to: range.to,
          reasons: settings.reasons,
          waitTargetSeconds: ctx.config.waitTargetSeconds,
          timeZone: ctx.config.site.timeZone,
          lookupTicket,
        });
        if (range.format === 'json') return report;
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="${reportFilename('feedback', range, ctx.config.site.timeZone)}"`,
          )
          .send(feedbackReportCsv(report));
      });
    },

    start() {
      state.get().outbox?.start();
    },

    async stop() {
      await state.current?.outbox?.stop();
    },
  };
}
