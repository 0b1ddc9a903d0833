/**
 * What every server module is given. A module owns its tables (migrations), its routes and any
 * background work; server/modules.ts lists the modules and server/app.ts wires them.
 */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { Logger } from 'pino';
import type { SiteConfig } from '../contract/config.js';
import type { Clock } from './clock.js';
import type { Db, Migration } from './store/database.js';
import type { EventHub } from './events.js';
import type { DeviceDirectory } from './devices/directory.js';

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
  /** Add routes; runs before the server listens. */
  register(app: FastifyInstance, ctx: ServerContext): void | Promise<void>;
  /** Background work once listening (outbox senders, device supervisors). */
  start?(ctx: ServerContext): void | Promise<void>;
  stop?(ctx: ServerContext): void | Promise<void>;
}
