/** Card payments at the kiosk: journal, runner, outbox to the office, reports. */
import type { preHandlerHookHandler } from 'fastify';
import type { MachineRole } from '../../contract/machines.js';
import { ModuleState, type ServerModule } from '../context.js';
import { paymentMigrations } from './migrations.js';
import { registerPaymentRoutes } from './routes.js';
import { PaymentsService } from './service.js';

export interface PaymentsModule extends ServerModule {
  /** The payments service of the server this module is registered with (tests). */
  service(): PaymentsService;
}

export interface PaymentsModuleOptions {
  /**
   * The machines module's guard: with it, POST /api/payments/ingest also takes an enrolled kiosk's
   * machine credential (for that kiosk's own payments) instead of the shared ingest token.
   */
  requireMachine?: (...roles: MachineRole[]) => preHandlerHookHandler;
  /** This machine's credential, presented to the office by the outbox instead of `payments.office.token`. */
  officeCredential?: () => string | undefined;
}

export function createPaymentsModule(options: PaymentsModuleOptions = {}): PaymentsModule {
  const state = new ModuleState<PaymentsService>('payments');

  return {
    name: 'payments',
    migrations: paymentMigrations,
    service: () => state.get(),
    register(app, ctx) {
      const offering = ctx.config.kiosks.findIndex((k) => k.offers.includes('payments'));
      if (offering >= 0 && !ctx.config.payments)
        throw new Error(
          `The site config is not valid:\n  kiosks.${offering}.offers: offers "payments" but the site config has no "payments" section (payment types, reference rules, limits).`,
        );
      const service = state.set(new PaymentsService(ctx, options.officeCredential));
      // Before any route can answer: settle what the last stop interrupted (never re-authorise).
      service.recover();
      registerPaymentRoutes(app, ctx, service, options.requireMachine?.('kiosk'));
    },
    start() {
      state.get().outbox.start();
    },
    async stop() {
      const service = state.current;
      if (!service) return;
      await service.runner.stop();
      await service.outbox.stop();
    },
  };
}
