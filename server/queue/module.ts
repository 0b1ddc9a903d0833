/** The queue: tickets, desks, calls, estimates; end-of-day closing once a minute. */
import type { ServerModule } from '../context.js';
import { ModuleState } from '../context.js';
import type { MachinesModule } from '../machines/module.js';
import { queueMigrations } from './migrations.js';
import { Queue } from './queue.js';
import { registerQueueRoutes } from './routes.js';
import { ticketReader, type TicketReader } from './ticket-reader.js';

export interface QueueModule extends ServerModule {
  /** For the modules that read tickets (feedback, reports); usable once the server is built. */
  readonly tickets: TicketReader;
}

export interface QueueModuleOptions {
  /** Guards the routes only a kiosk agent calls (its offline tickets, issuing under its own id). */
  machines: Pick<MachinesModule, 'requireMachine'>;
}

export function createQueueModule(options: QueueModuleOptions): QueueModule {
  const state = new ModuleState<{ queue: Queue; tickets: TicketReader; timer?: NodeJS.Timeout }>('queue');

  return {
    name: 'queue',
    migrations: queueMigrations,
    tickets: {
      waitOf: (ticketId) => state.get().tickets.waitOf(ticketId),
      issuedBetween: (from, to) => state.get().tickets.issuedBetween(from, to),
    },
    register(app, ctx) {
      const { queue } = state.set({ queue: new Queue(ctx), tickets: ticketReader(ctx.db) });
      registerQueueRoutes(app, ctx, queue, options.machines);
    },
    start(ctx) {
      const running = state.get();
      const closeEarlierDays = () => {
        try {
          const closed = running.queue.closeEarlierDays();
          if (closed > 0) ctx.logger.info({ closed }, 'closed unserved tickets of earlier days');
        } catch (error) {
          ctx.logger.error({ err: error }, 'end-of-day closing failed');
        }
      };
      closeEarlierDays();
      running.timer = setInterval(closeEarlierDays, 60_000);
      running.timer.unref();
    },
    stop() {
      const timer = state.current?.timer;
      if (timer) clearInterval(timer);
    },
  };
}
