/**
 * Builds the office server: one SQLite file, every module in server/modules.ts, the event socket,
 * the screens, one error shape and the security headers, health (/healthz, /readyz) and /metrics. Used by the `hub` CLI, the Electron shell
 * (in-process) and tests.
 */
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import type { SiteConfig } from '../contract/config.js';
import { createKioskDevices } from '../hardware/kiosk-devices.js';
import { createAuthModule } from './auth/module.js';
import type { StaffAccounts } from './auth/staff.js';
import { systemClock, type Clock } from './clock.js';
import type { ServerContext, ServerModule } from './context.js';
import { EventHub } from './events.js';
import { handleErrors, parseJsonBodies } from './http/error-handling.js';
import { registerEventSocket } from './http/events-socket.js';
import { createHealthModule, type ReadinessCheck } from './http/health.js';
import { addHubTimeHeader } from './http/hub-time.js';
import { registerScreens } from './http/screens.js';
import { addSecurityHeaders } from './http/security.js';
import { createMetricsModule } from './metrics/module.js';
import { createModules } from './modules.js';
import { siteConfigProblems } from './queue/site-rules.js';
import { openDatabase, type Migration } from './store/database.js';

export interface ServerOptions {
  config: SiteConfig;
  /** Folder for the SQLite file (reception.sqlite). */
  dataDir: string;
  clock?: Clock;
  /** Run device simulators for devices with no real port (demo, tests). */
  simulateDevices?: boolean;
  logger?: Logger;
  /** Built screens; default dist/renderer in this checkout. */
  rendererDir?: string;
  /**
   * 'office' (default): the hub or a single-kiosk server; it opens the devices of every kiosk except
   * those that run their own agent. 'kiosk-agent': a kiosk's own server, opening its devices.
   */
  role?: 'office' | 'kiosk-agent';
  /** Default: every module in server/modules.ts (made for this server). Staff sign-in is always added first. */
  modules?: readonly ServerModule[];
  /** Readiness checks of whoever runs this server, added to /readyz (a kiosk agent: the hub is reachable). */
  readinessChecks?: () => ReadinessCheck[];
}

export interface HubServer {
  app: FastifyInstance;
  ctx: ServerContext;
  staff: StaffAccounts;
  /** Starts devices and modules and listens; answers the URL (e.g. http://127.0.0.1:8080). */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export const databaseFileName = 'reception.sqlite';
export const defaultRendererDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));

/** The migrations of a server with every module (the CLI opens the database without a server). */
export const serverMigrations = (): Migration[] =>
  [createAuthModule(), createHealthModule(), ...createModules()].flatMap((module) => module.migrations);

/** A hub leaves a kiosk's serial ports to that kiosk's own agent. */
const devicesThisServerOpens = (config: SiteConfig, role: 'office' | 'kiosk-agent'): SiteConfig =>
  role === 'kiosk-agent' ? config : { ...config, kiosks: config.kiosks.filter((kiosk) => !kiosk.agent) };

export async function createServer(options: ServerOptions): Promise<HubServer> {
  const problems = siteConfigProblems(options.config);
  if (problems.length > 0)
    throw new Error(`The site config is not valid:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);

  const auth = createAuthModule();
  const ownModules = options.modules ?? createModules();
  // Metrics first: its request timing hook then covers every route.
  const modules = [
    auth,
    createMetricsModule({ modules: ownModules }),
    createHealthModule(options.readinessChecks ? { readinessChecks: options.readinessChecks } : {}),
    ...ownModules,
  ];
  const logger = options.logger ?? pino({ level: 'info' });
  const clock = options.clock ?? systemClock;
  const db = openDatabase(
    join(options.dataDir, databaseFileName),
    modules.flatMap((m) => m.migrations),
  );
  let baseUrl = '';
  const ctx: ServerContext = {
    db,
    clock,
    config: options.config,
    logger,
    events: new EventHub(),
    devices: createKioskDevices(devicesThisServerOpens(options.config, options.role ?? 'office'), {
      logger,
      simulate: options.simulateDevices ?? false,
    }),
    dataDir: options.dataDir,
    requireStaff: auth.requireStaff,
    baseUrl: () => baseUrl,
  };

  const fastifyLogger: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance: fastifyLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    forceCloseConnections: true,
  });
  parseJsonBodies(app);
  handleErrors(app, logger);
  addSecurityHeaders(app);
  addHubTimeHeader(app, clock);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  registerEventSocket(app, ctx.events);
  for (const module of modules) await module.register(app, ctx);
  await registerScreens(app, options.rendererDir ?? defaultRendererDir);
  const staff = auth.accounts();

  const started: ServerModule[] = [];
  let devicesStarted = false;
  let closed = false;

  return {
    app,
    ctx,
    staff,
    async listen(port, host = '127.0.0.1') {
      await app.ready();
      await ctx.devices.start();
      devicesStarted = true;
      const address = await app.listen({ port, host });
      const bound = app.server.address();
      const actualPort = bound && typeof bound === 'object' ? bound.port : port;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      baseUrl = bound ? `http://${shownHost}:${actualPort}` : address;
      for (const module of modules) {
        await module.start?.(ctx);
        started.push(module);
      }
      return baseUrl;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const module of [...started].reverse()) {
        try {
          await module.stop?.(ctx);
        } catch (error) {
          logger.error({ err: error, module: module.name }, 'module did not stop cleanly');
        }
      }
      await app.close();
      if (devicesStarted) await ctx.devices.stop();
      db.close();
    },
  };
}
