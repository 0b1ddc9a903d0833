/**
 * An in-process hub with only the machines module (and staff sign-in), a real SQLite file in a temp
 * folder and a ManualClock. Codes are made with the registry on the same file, as `npm run fleet -- enrol` does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { SiteConfig } from '../../contract/config.js';
import type { MachineRole } from '../../contract/machines.js';
import { createServer, type HubServer } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import type { ServerModule } from '../../server/context.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { createMachinesModule, type MachinesModule } from '../../server/machines/module.js';
import { MachineRegistry } from '../../server/machines/registry.js';

export interface MachinesServer {
  server: HubServer;
  clock: ManualClock;
  staffToken: string;
  /** `npm run fleet -- enrol ID --role ROLE` without the config check: answers the code. */
  newCode(machineId: string, role: MachineRole, validMinutes?: number): Promise<string>;
  /** A credential for the machine without asking the site config, as if the config changed after it joined. */
  credentialUnchecked(machineId: string, role: MachineRole): Promise<string>;
  request(
    method: 'GET' | 'POST',
    url: string,
    options?: {
      body?: Record<string, unknown>;
      authorization?: string;
      address?: string;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** `extraModules` get the machines module, to guard their own routes with it. Default config: the demo site. */
export async function startMachinesServer(
  options: { extraModules?: (machines: MachinesModule) => ServerModule[]; config?: SiteConfig } = {},
): Promise<MachinesServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'machines-test-'));
  const clock = new ManualClock(new Date('2026-07-14T09:00:00.000Z'));
  const machines = createMachinesModule();
  const server = await createServer({
    config: options.config ?? demoSiteConfig(),
    dataDir,
    clock,
    modules: [machines, ...(options.extraModules?.(machines) ?? [])],
    logger: pino({ level: 'silent' }),
    rendererDir: join(dataDir, 'no-renderer'),
  });
  await server.app.ready();
  await server.staff.upsert('facilities', 'facilities-password', 'Facilities');
  const login = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'facilities', password: 'facilities-password' },
  });
  const registry = new MachineRegistry(server.ctx.db, clock);

  const request: MachinesServer['request'] = async (method, url, { body, authorization, address, headers } = {}) => {
    const response = await server.app.inject({
      method,
      url,
      headers: { ...headers, ...(authorization ? { authorization } : {}) },
      ...(address ? { remoteAddress: address } : {}),
      ...(body === undefined ? {} : { payload: body }),
    });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };

  return {
    server,
    clock,
    staffToken: login.json<{ token: string }>().token,
    async newCode(machineId, role, validMinutes = 30) {
      const made = await registry.newCode(machineId, role, validMinutes);
      if (!made.ok) throw new Error(`${machineId} is enrolled as a ${made.enrolledAs}`);
      return made.code;
    },
    async credentialUnchecked(machineId, role) {
      const made = await registry.newCode(machineId, role, 30);
      if (!made.ok) throw new Error(`${machineId} is enrolled as a ${made.enrolledAs}`);
      const joined = await registry.enrol(machineId, made.code, () => null);
      if (!joined.ok) throw new Error(`${machineId} could not join: ${joined.reason}`);
      return joined.credential;
    },
    request,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
