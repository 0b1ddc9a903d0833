/** Card payments at the kiosk (issue 4): journal, runner, outbox to the office, reports. */
import type { ServerContext, ServerModule } from '../context.js';
import { paymentMigrations } from './migrations.js';
import { registerPaymentRoutes } from './routes.js';
import { PaymentsService } from './service.js';

const running = new WeakMap<ServerContext, PaymentsService>();

/** The payments service of a running server (tests, CLI). */
export const paymentsOf = (ctx: ServerContext): PaymentsService | undefined => running.get(ctx);

export const paymentsModule: ServerModule = {
  name: 'payments',
  migrations: paymentMigrations,
  register(app, ctx) {
    const offering = ctx.config.kiosks.findIndex((k) => k.offers.includes('payments'));
    if (offering >= 0 && !ctx.config.payments)
      throw new Error(
        `The site config is not valid:\n  kiosks.${offering}.offers: offers "payments" but the site config has no "payments" section (payment types, reference rules, limits).`,
      );
    const service = new PaymentsService(ctx);
    // Before any route can answer: settle what the last stop interrupted (never re-authorise).
    service.recover();
    running.set(ctx, service);
    registerPaymentRoutes(app, ctx, service);
  },
  start(ctx) {
    running.get(ctx)?.outbox.start();
  },
  async stop(ctx?: ServerContext) {
    const service = ctx ? running.get(ctx) : undefined;
    if (!service) return;
    await service.runner.stop();
    await service.outbox.stop();
  },
};
