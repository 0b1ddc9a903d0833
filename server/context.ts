/**
 * What every server module is given, and what a module is.
 *
 * A module is made by a `createXModule(options)` function, once per server: whatever it keeps while
 * the server runs (its stores, timers, outbox) lives in that call's closure, held in a ModuleState,
 * so two servers in one process never share it. A module owns its tables (its migrations) and no
 * other module queries them: what another module may read is a typed reader the owner hands out
 * (the queue's TicketReader), passed to the reader's users as a creation option in server/modules.ts.
 * Stores prepare their SQL statements once, in their constructor.
 */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { Logger } from 'pino';
import type { SiteConfig } from '../contract/config.js';
import type { DeviceDirectory } from '../hardware/types.js';
import type { Clock } from './clock.js';
import type { EventHub } from './events.js';
import type { MetricSources } from './metrics/sources.js';
import type { Db, Migration } from './store/database.js';

export interface ServerContext {
  db: Db;
  clock: Clock;
  config: SiteConfig;
  logger: Logger;
  events: EventHub;
  /** Each kiosk's printers and card terminal (real or simulated), with their health. */
  devices: DeviceDirectory;
  /** Folder for the SQLite file and anything else the server keeps. */
  dataDir: string;
  /** Fastify preHandler: 401 unless the request carries a valid staff token. */
  requireStaff: preHandlerHookHandler;
  /** The URL clients reach this server on, once listening (e.g. http://127.0.0.1:8080). */
  baseUrl: () => string;
}

export interface ServerModule {
  name: string;
  migrations: readonly Migration[];
  /** Make the module's state and add its routes; runs once, before the server listens. */
  register(app: FastifyInstance, ctx: ServerContext): void | Promise<void>;
  /** Background work once listening (outbox senders, device supervisors). */
  start?(ctx: ServerContext): void | Promise<void>;
  stop?(ctx: ServerContext): void | Promise<void>;
  /** Readers the metrics ask at scrape time (server/metrics/module.ts). */
  metricSources?: MetricSources;
}

/** What a module keeps for the one server it is registered with. */
export class ModuleState<T> {
  private value: T | undefined;

  constructor(private readonly module: string) {}

  /** Set at register; a second server registering the same module instance is refused. */
  set(value: T): T {
    if (this.value !== undefined)
      throw new Error(`The ${this.module} module is already registered with a server: create one per server.`);
    this.value = value;
    return value;
  }

  /** The state; throws when asked before register (a wiring mistake). */
  get(): T {
    if (this.value === undefined) throw new Error(`The ${this.module} module is not registered with a server yet.`);
    return this.value;
  }

  /** The state, or undefined before register (for stop after a failed start). */
  get current(): T | undefined {
    return this.value;
  }
}
