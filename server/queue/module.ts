/** The queue: tickets, desks, calls, estimates; end-of-day closing once a minute. */
import type { ServerContext, ServerModule } from '../context.js';
import { queueMigrations } from './migrations.js';
import { Queue } from './queue.js';
import { registerQueueRoutes } from './routes.js';

const running = new WeakMap<ServerContext, { queue: Queue; timer?: NodeJS.Timeout }>();

/** The queue of a running server, for modules that need ticket facts (e.g. feedback against a ticket). */
export const queueOf = (ctx: ServerContext): Queue | undefined => running.get(ctx)?.queue;

export const queueModule: ServerModule = {
  name: 'queue',
  migrations: queueMigrations,
  register(app, ctx) {
    const queue = new Queue(ctx);
    running.set(ctx, { queue });
    registerQueueRoutes(app, ctx, queue);
  },
  start(ctx) {
    const state = running.get(ctx);
    if (!state) return;
    const closeEarlierDays = () => {
      try {
        const closed = state.queue.closeEarlierDays();
        if (closed > 0) ctx.logger.info({ closed }, 'closed unserved tickets of earlier days');
      } catch (error) {
        ctx.logger.error({ err: error }, 'end-of-day closing failed');
      }
    };
    closeEarlierDays();
    state.timer = setInterval(closeEarlierDays, 60_000);
    state.timer.unref();
  },
  stop(ctx) {
    const state = running.get(ctx);
    if (state?.timer) clearInterval(state.timer);
  },
};
