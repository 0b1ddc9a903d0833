/**
 * Health for a load balancer or a systemd watchdog, public because they reveal nothing personal:
 *   GET /healthz → 200 {status:'ok'} while the process answers (no database access).
 *   GET /readyz  → 200 {status:'ready', checks} or 503 {status:'not-ready', checks, problems}: the
 *   database takes a write, every configured device has a supervisor that has reported a state, and
 *   whatever the caller adds (a kiosk agent: the hub is reachable). Each failing check says in words
 *   what is wrong.
 */
import type { FastifyInstance } from 'fastify';
import { basename } from 'node:path';
import type { DeviceDirectory } from '../../hardware/types.js';
import type { Clock } from '../clock.js';
import type { ServerModule } from '../context.js';
import type { Db, Statement } from '../store/database.js';

export interface ReadinessCheck {
  /** Short stable name, e.g. "database", "devices", "hub". */
  name: string;
  ok: boolean;
  /** One sentence saying what is wrong and what it means; absent when ok. */
  problem?: string;
}

export interface HealthModuleOptions {
  /** Checks this server's owner adds (a kiosk agent: the hub is reachable), asked on every /readyz. */
  readinessChecks?: () => ReadinessCheck[];
}

// One row, overwritten on each probe: it proves a write reaches the file without growing it.
const healthMigrations = [
  {
    id: 'health-001-write-probe',
    sql: 'CREATE TABLE health_write_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL)',
  },
];

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function databaseCheck(db: Db, clock: Clock, probe: Statement<[string]>): ReadinessCheck {
  try {
    probe.run(clock.now().toISOString());
    return { name: 'database', ok: true };
  } catch (error) {
    return {
      name: 'database',
      ok: false,
      problem: `The database (${basename(db.name)}) does not take writes (${messageOf(error)}): nothing can be issued or recorded until it does.`,
    };
  }
}

/** A supervisor that has not reported since it was made still shows the state it was made with. */
export function devicesCheck(devices: DeviceDirectory): ReadinessCheck {
  const silent = devices.states().filter((state) => state.reason === 'starting');
  if (silent.length === 0) return { name: 'devices', ok: true };
  const names = silent.map((state) => `${state.id}${state.kiosk ? ` of ${state.kiosk}` : ''}`).join(', ');
  return {
    name: 'devices',
    ok: false,
    problem: `No state reported yet by ${names}: the device supervisors have not started or not reached the device yet.`,
  };
}

export function registerHealthRoutes(app: FastifyInstance, readiness: () => ReadinessCheck[]): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const checks = readiness();
    const problems = checks.flatMap((check) => (check.ok ? [] : [check.problem ?? `${check.name} is not ready.`]));
    if (problems.length === 0) return { status: 'ready', checks };
    return reply.status(503).send({ status: 'not-ready', checks, problems });
  });
}

/** The health routes as a module: it owns the one-row table the database check writes. */
export function createHealthModule(options: HealthModuleOptions = {}): ServerModule {
  return {
    name: 'health',
    migrations: healthMigrations,
    register(app, ctx) {
      const probe: Statement<[string]> = ctx.db.prepare(
        'INSERT INTO health_write_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      );
      registerHealthRoutes(app, () => [
        databaseCheck(ctx.db, ctx.clock, probe),
        devicesCheck(ctx.devices),
        ...(options.readinessChecks?.() ?? []),
      ]);
    },
  };
}
