/**
 * An in-process office server for feedback and information API tests: the real app (error shape,
 * auth, queue tables, a real SQLite file in a temp folder) with a ManualClock, driven by app.inject.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { SiteConfig } from '../../contract/config.js';
import { createServer, type HubServer } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import type { ServerModule } from '../../server/context.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { createFeedbackModule } from '../../server/feedback/module.js';
import { createInfoModule } from '../../server/info/module.js';
import { createMachinesModule } from '../../server/machines/module.js';
import { createQueueModule } from '../../server/queue/module.js';

export interface TestServer {
  server: HubServer;
  clock: ManualClock;
  token: string;
  dataDir: string;
  inject: HubServer['app']['inject'];
  /** POST with JSON body; answers status and parsed body. */
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  get(
    url: string,
    staff?: boolean,
  ): Promise<{ status: number; body: unknown; text: string; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Applied to the demo site config. */
  config?: (config: SiteConfig) => SiteConfig;
  start?: string;
  contentDir?: string;
  simulateDevices?: boolean;
  listen?: boolean;
  extraModules?: ServerModule[];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'feedback-test-'));
  const clock = new ManualClock(new Date(options.start ?? '2026-07-14T09:00:00.000Z'));
  const base = demoSiteConfig();
  const config = options.config ? options.config(base) : base;
  const machines = createMachinesModule();
  const queue = createQueueModule({ machines });
  const modules: ServerModule[] = [
    queue,
    createFeedbackModule({
      tickets: queue.tickets,
      outbox: { baseDelayMs: 50, pollIntervalMs: 50, timeoutMs: 2_000 },
    }),
    createInfoModule(options.contentDir ? { contentDir: options.contentDir } : {}),
    machines,
    ...(options.extraModules ?? []),
  ];
  const server = await createServer({
    config,
    dataDir,
    clock,
    modules,
    logger: pino({ level: 'silent' }),
    simulateDevices: options.simulateDevices ?? false,
    rendererDir: join(dataDir, 'no-renderer'),
  });
  await server.staff.upsert('officer', 'officer-password', 'Report Officer');
  if (options.listen) await server.listen(0);
  else await server.app.ready();
  const login = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'officer', password: 'officer-password' },
  });
  const token = login.json<{ token: string }>().token;

  const post: TestServer['post'] = async (url, body, headers = {}) => {
    const response = await server.app.inject({
      method: 'POST',
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };
  const get: TestServer['get'] = async (url, staff = false) => {
    const response = await server.app.inject({
      method: 'GET',
      url,
      headers: staff ? { authorization: `Bearer ${token}` } : {},
    });
    const isJson = String(response.headers['content-type'] ?? '').includes('json');
    return {
      status: response.statusCode,
      body: isJson ? response.json() : undefined,
      text: response.body,
      headers: response.headers,
    };
  };
  return {
    server,
    clock,
    token,
    dataDir,
    inject: server.app.inject.bind(server.app),
    post,
    get,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
