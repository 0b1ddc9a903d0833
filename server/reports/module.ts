/** GET /api/reports/wait-standard?from=<ISO>&to=<ISO> (staff): tickets issued in [from, to); default the last 24 hours. */
import { z } from 'zod';
import type { ServerModule } from '../context.js';
import { HttpError, parseInput } from '../http/errors.js';
import type { TicketReader } from '../queue/ticket-reader.js';
import { waitStandardReport } from './wait-standard.js';

const Period = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export interface ReportsModuleOptions {
  /** The queue's tickets (the queue module's reader). */
  tickets: TicketReader;
}

export function createReportsModule(options: ReportsModuleOptions): ServerModule {
  return {
    name: 'reports',
    migrations: [],
    register(app, ctx) {
      app.get('/api/reports/wait-standard', { preHandler: ctx.requireStaff }, async (request) => {
        const query = parseInput(Period, request.query, 'query');
        const now = ctx.clock.now();
        const to = query.to ? new Date(query.to) : now;
        const from = query.from ? new Date(query.from) : new Date(to.getTime() - 24 * 3600_000);
        if (from.getTime() >= to.getTime())
          throw new HttpError(
            400,
            'invalid-input',
            '"to": the end of the period must be after its start ("from").',
            'to',
          );
        return waitStandardReport(options.tickets.issuedBetween(from, to), {
          from: from.toISOString(),
          to: to.toISOString(),
          targetSeconds: ctx.config.waitTargetSeconds,
          timeZone: ctx.config.site.timeZone,
          now,
          serviceOrder: ctx.config.services.map((s) => s.id),
        });
      });
    },
  };
}
