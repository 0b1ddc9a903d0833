/** An in-process server (every module, the demo site unless given a config) for health and metrics tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { SiteConfig } from '../../contract/config.js';
import { LoginResponse } from '../../contract/queue.js';
import { createServer, type HubServer, type ServerOptions } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { demoSiteConfig } from '../../server/demo/seed.js';

export interface MetricsServer {
  server: HubServer;
  clock: ManualClock;
  request(
    method: 'GET' | 'POST',
    url: string,
    options?: { body?: Record<string, unknown>; token?: string; address?: string },
  ): Promise<{ status: number; body: string; contentType: string | undefined }>;
  staffToken(): Promise<string>;
  close(): Promise<void>;
}

export async function startMetricsServer(
  options: { config?: SiteConfig } & Partial<Pick<ServerOptions, 'readinessChecks'>> = {},
): Promise<MetricsServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'metrics-test-'));
  const clock = new ManualClock(new Date('2026-12-01T09:00:00.000Z'));
  const server = await createServer({
    config: options.config ?? demoSiteConfig(),
    dataDir,
    clock,
    logger: pino({ level: 'silent' }),
    rendererDir: join(dataDir, 'no-renderer'),
    ...(options.readinessChecks ? { readinessChecks: options.readinessChecks } : {}),
  });
  await server.app.ready();

  const request: MetricsServer['request'] = async (method, url, { body, token, address } = {}) => {
    const response = await server.app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(address ? { remoteAddress: address } : {}),
      ...(body === undefined ? {} : { payload: body }),
    });
    const contentType = response.headers['content-type'];
    return { status: response.statusCode, body: response.body, contentType: contentType?.toString() };
  };

  return {
    server,
    clock,
    request,
    async staffToken() {
      await server.staff.upsert('reception', 'reception-password-1', 'Reception');
      const login = await request('POST', '/api/auth/login', {
        body: { username: 'reception', password: 'reception-password-1' },
      });
      return LoginResponse.parse(JSON.parse(login.body)).token;
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The value of one sample in Prometheus text, e.g. sample(text, 'x_total', {service: 'housing'}). */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const match = /^([^\s{]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value)) return Number(match[3]);
  }
  return undefined;
}
