/**
 * The modules of a server, made fresh for each one (a module keeps its state in its own closure).
 * Staff sign-in is not listed: every server has it, server/app.ts adds it first. A module that reads
 * another's data is given that module's reader here: feedback and reports read the queue's tickets;
 * the queue and payments guard their kiosk-machine routes with the machines module's check; the
 * fleet reads the machines registry and the hub's own outboxes.
 */
import type { ServerModule } from './context.js';
import { createDevicesModule } from './devices/module.js';
import { createFeedbackModule } from './feedback/module.js';
import { createFleetModule } from './fleet/module.js';
import { createInfoModule } from './info/module.js';
import { createMachinesModule } from './machines/module.js';
import type { OutboxStatus } from './outbox/outbox.js';
import { createPaymentsModule } from './payments/module.js';
import { createQueueModule } from './queue/module.js';
import { createReportsModule } from './reports/module.js';
import { createSupportModule } from './support/module.js';

/** Every module, in registration order. */
export function createModules(): ServerModule[] {
  const machines = createMachinesModule();
  const queue = createQueueModule({ machines });
  const feedback = createFeedbackModule({ tickets: queue.tickets });
  const payments = createPaymentsModule({ requireMachine: machines.requireMachine });
  const fleet = createFleetModule({
    requireMachine: machines.requireMachine,
    machines: machines.reader,
    hubOutboxes: () => {
      const outboxes: OutboxStatus[] = [];
      if (payments.service().config) outboxes.push(payments.service().outbox.status());
      const forwarding = feedback.outboxStatus();
      if (forwarding) outboxes.push(forwarding);
      return outboxes;
    },
  });
  return [
    queue,
    createReportsModule({ tickets: queue.tickets }),
    feedback,
    createInfoModule(),
    createDevicesModule(),
    payments,
    machines,
    fleet,
    createSupportModule(),
  ];
}
