/**
 * Prometheus metrics of this server (hub or kiosk agent): GET /metrics, text format.
 *
 * One prom-client Registry per server, never the global one, so two servers in one process keep
 * their own counts. Counters follow the events the server already publishes (ctx.events); gauges
 * (outboxes, devices, machines) are read when scraped. Labels carry services, kiosks, devices,
 * outboxes, machines and route patterns only: never a ticket id, number or anything a resident gave.
 *
 * Who may scrape: a caller on this machine (loopback), or anyone else with a staff token. A reverse
 * proxy on the same machine would make every caller loopback: it must not pass /metrics on.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DeviceHealth } from '../../contract/devices.js';
import type { ServerEvent } from '../../contract/events.js';
import { bearerToken } from '../auth/require-staff.js';
import { ModuleState, type ServerContext, type ServerModule } from '../context.js';
import { HttpError } from '../http/errors.js';
import type { Db, Statement } from '../store/database.js';
import type { MetricSources } from './sources.js';

export interface MetricsModule extends ServerModule {
  /** This server's registry (tests, and anything that adds a metric of its own). */
  registry(): Registry;
}

export interface MetricsModuleOptions {
  /** The other modules of this server, asked for their metric sources at scrape time. */
  modules: readonly ServerModule[];
}

// An offline ticket's number carries the kiosk's series after a dash ("H-A07"); the hub's own do not.
const offlineNumber = /^[A-Z]{1,2}-[A-Z]\d{2,4}$/;
/**
 * The last value counted per id, for the most recent ids only: a repeated event (a payment's result
 * again when its receipt prints, a ticket issued again when the hub renumbers a tap to the offline
 * number its resident holds) is counted once.
 */
class RecentlyCounted {
  private readonly values = new Map<string, string>();
  constructor(private readonly size: number) {}

  /** True when id has not been counted with this value; remembers it. */
  first(id: string, value: string): boolean {
    if (this.values.get(id) === value) return false;
    this.values.delete(id);
    this.values.set(id, value);
    if (this.values.size > this.size) {
      const oldest = this.values.keys().next();
      if (!oldest.done) this.values.delete(oldest.value);
    }
    return true;
  }
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const secondsSince = (iso: string, now: Date): number => Math.max(0, (now.getTime() - Date.parse(iso)) / 1000);

interface OutboxRow {
  outbox: string;
  pending: number;
  oldest: string | null;
}

/** The outboxes' shared table (server/outbox/outbox.ts) exists once any module has made an outbox. */
function outboxReader(db: Db): () => OutboxRow[] {
  let statement: Statement<[], OutboxRow> | null = null;
  return () => {
    if (!statement) {
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox_items'").get();
      if (!exists) return [];
      statement = db.prepare(
        `SELECT outbox,
           SUM(CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END) AS pending,
           MIN(CASE WHEN sent_at IS NULL THEN created_at END) AS oldest
         FROM outbox_items GROUP BY outbox`,
      );
    }
    return statement.all();
  };
}

function createMetrics(ctx: ServerContext, sources: () => MetricSources[]) {
  const registry = new Registry();
  const registers = [registry];

  const ticketsIssued = new Counter({
    name: 'reception_tickets_issued_total',
    help: 'Tickets issued, by service and origin (hub: issued by the hub; kiosk-offline: issued by a kiosk with the hub away, counted when it reaches the hub). A tap counts once.',
    labelNames: ['service', 'origin'] as const,
    registers,
  });
  const ticketsCalled = new Counter({
    name: 'reception_tickets_called_total',
    help: 'Tickets called to a desk (first calls and calls after a transfer; recalls not included), by service.',
    labelNames: ['service'] as const,
    registers,
  });
  const paymentResults = new Counter({
    name: 'reception_payment_results_total',
    help: 'Card payments reaching an outcome on the terminal, by outcome (staff settling an "unknown" one later is not counted here).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const readOutboxes = outboxReader(ctx.db);
  new Gauge({
    name: 'reception_outbox_pending_items',
    help: 'Items waiting in an outbox to be delivered, by outbox.',
    labelNames: ['outbox'] as const,
    registers,
    collect() {
      this.reset();
      for (const row of readOutboxes()) this.set({ outbox: row.outbox }, row.pending);
    },
  });
  new Gauge({
    name: 'reception_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest item waiting in an outbox (0 when none waits), by outbox.',
    labelNames: ['outbox'] as const,
    registers,
    collect() {
      const now = ctx.clock.now();
      this.reset();
      for (const row of readOutboxes())
        this.set({ outbox: row.outbox }, row.oldest === null ? 0 : secondsSince(row.oldest, now));
    },
  });
  new Gauge({
    name: 'reception_device_health',
    help: 'Each device of this server: 1 for its current health, 0 for the others.',
    labelNames: ['kiosk', 'device', 'health'] as const,
    registers,
    collect() {
      this.reset();
      for (const state of ctx.devices.states())
        for (const health of DeviceHealth.options)
          this.set({ kiosk: state.kiosk ?? '', device: state.id, health }, state.health === health ? 1 : 0);
    },
  });
  new Gauge({
    name: 'reception_machine_last_seen_age_seconds',
    help: 'Time since each enrolled machine last reached this hub (machines never seen and revoked ones are left out).',
    labelNames: ['machine', 'role'] as const,
    registers,
    collect() {
      this.reset();
      const now = ctx.clock.now();
      for (const source of sources())
        for (const machine of source.machines?.() ?? [])
          if (machine.lastSeenAt !== null && machine.revokedAt === null)
            this.set({ machine: machine.machineId, role: machine.role }, secondsSince(machine.lastSeenAt, now));
    },
  });
  const requestDuration = new Histogram({
    name: 'reception_http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route pattern (never the path itself) and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });

  const countedTickets = new RecentlyCounted(2000);
  const countedPayments = new RecentlyCounted(1000);
  const count = (event: ServerEvent): void => {
    switch (event.type) {
      case 'ticket.issued':
        if (!countedTickets.first(event.ticket.id, 'issued')) return;
        ticketsIssued.inc({
          service: event.ticket.service,
          origin: offlineNumber.test(event.ticket.number) ? 'kiosk-offline' : 'hub',
        });
        return;
      case 'ticket.called':
        ticketsCalled.inc({ service: event.ticket.service });
        return;
      case 'payment.result': {
        if (event.outcome === 'in-progress' || !countedPayments.first(event.id, event.outcome)) return;
        paymentResults.inc({ outcome: event.outcome });
        return;
      }
      default:
        return;
    }
  };

  const observe = (request: FastifyRequest, reply: FastifyReply): void => {
    requestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_class: `${Math.floor(reply.statusCode / 100)}xx`,
      },
      reply.elapsedTime / 1000,
    );
  };

  return { registry, count, observe };
}

/** Loopback callers are served; anyone else needs a staff token (checked by requireStaff). */
function allowScrape(requireStaff: preHandlerHookHandler): preHandlerHookHandler {
  return function (request, reply, done) {
    if (loopback.has(request.ip)) return done();
    if (!bearerToken(request))
      return done(
        new HttpError(
          401,
          'sign-in-required',
          'Metrics are served to this machine itself (loopback) or with a staff token (Authorization: Bearer <token>).',
        ),
      );
    return requireStaff.call(this, request, reply, done);
  };
}

export function createMetricsModule(options: MetricsModuleOptions): MetricsModule {
  const state = new ModuleState<Registry>('metrics');
  return {
    name: 'metrics',
    migrations: [],
    registry: () => state.get(),
    register(app: FastifyInstance, ctx: ServerContext) {
      const metrics = createMetrics(ctx, () => options.modules.flatMap((module) => module.metricSources ?? []));
      state.set(metrics.registry);
      ctx.events.subscribe(metrics.count);
      app.addHook('onResponse', async (request, reply) => metrics.observe(request, reply));
      app.get('/metrics', { preHandler: allowScrape(ctx.requireStaff) }, async (_request, reply) => {
        const text = await metrics.registry.metrics();
        return reply.type(metrics.registry.contentType).send(text);
      });
    },
  };
}
