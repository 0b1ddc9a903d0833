/**
 * An office in one test process: a hub (every module, a real SQLite file, a ManualClock) listening on
 * loopback, and kiosk agents enrolled with it the way `fleet enrol` and `fleet join` do, each with its
 * own data folder, clock and simulated devices. Restarting the hub keeps its port and data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { SiteConfig } from '../../contract/config.js';
import { EnrolResponse } from '../../contract/machines.js';
import { LoginResponse } from '../../contract/queue.js';
import { startKioskAgent, type KioskAgent, type KioskAgentOptions } from '../../server/agent/agent.js';
import { createServer, type HubServer } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { writeMachineCredential } from '../../server/machines/credential-file.js';
import { MachineRegistry } from '../../server/machines/registry.js';

export const officeConfig = (): SiteConfig => {
  const demo = demoSiteConfig();
  const kiosk = demo.kiosks[0];
  if (!kiosk) throw new Error('the demo site has no kiosk');
  return {
    ...demo,
    kiosks: [
      { ...kiosk, id: 'kiosk-a', name: 'Entrance kiosk', agent: true },
      { ...kiosk, id: 'kiosk-b', name: 'Payments kiosk', agent: true },
    ],
  };
};

export interface Office {
  hubClock: ManualClock;
  hub(): HubServer;
  hubUrl: string;
  /** Stops the hub (its port refuses connections) until restartHub. */
  stopHub(): Promise<void>;
  restartHub(config?: SiteConfig): Promise<void>;
  /** Enrols a kiosk and starts its agent; the kiosk's clock is its own. */
  startAgent(
    kioskId: string,
    options?: { clock?: ManualClock } & Partial<KioskAgentOptions>,
  ): Promise<{ agent: KioskAgent; clock: ManualClock; dataDir: string }>;
  /** Starts an agent again on a data folder it ran on before (no new enrolment). */
  restartAgent(
    kioskId: string,
    dataDir: string,
    clock: ManualClock,
    options?: Partial<KioskAgentOptions>,
  ): Promise<KioskAgent>;
  hubRequest(
    method: 'GET' | 'POST',
    url: string,
    body?: Record<string, unknown>,
    token?: string,
  ): Promise<{ status: number; body: unknown }>;
  staffToken(): Promise<string>;
  close(): Promise<void>;
}

const silent = pino({ level: process.env.OFFICE_LOG ?? 'silent' });

/** `hubRendererDir`: the built screens, for a browser test of the hub's pages. */
export async function startOffice(
  config: SiteConfig = officeConfig(),
  options: { hubRendererDir?: string } = {},
): Promise<Office> {
  const folders: string[] = [];
  const folder = (prefix: string) => {
    const made = mkdtempSync(join(tmpdir(), prefix));
    folders.push(made);
    return made;
  };
  const hubDir = folder('office-hub-');
  const hubClock = new ManualClock(new Date('2026-12-01T09:00:00.000Z'));
  const agents: KioskAgent[] = [];
  let hub: HubServer | null = null;
  let port = 0;

  const startHub = async (siteConfig: SiteConfig) => {
    const server = await createServer({
      config: siteConfig,
      dataDir: hubDir,
      clock: hubClock,
      logger: silent,
      rendererDir: options.hubRendererDir ?? join(hubDir, 'no-renderer'),
    });
    const url = await server.listen(port);
    port = Number(new URL(url).port);
    hub = server;
    return url;
  };
  const hubUrl = await startHub(config);
  const running = () => {
    if (!hub) throw new Error('the hub is stopped');
    return hub;
  };

  const hubRequest: Office['hubRequest'] = async (method, url, body, token) => {
    const response = await running().app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body }),
    });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };

  const runAgent = async (
    kioskId: string,
    dataDir: string,
    clock: ManualClock,
    options: Partial<KioskAgentOptions> = {},
  ): Promise<KioskAgent> => {
    const agent = await startKioskAgent({
      kioskId,
      dataDir,
      clock,
      logger: silent,
      simulateDevices: true,
      rendererDir: join(dataDir, 'no-renderer'),
      probeIntervalMs: 25,
      issueTimeoutMs: 500,
      outbox: { baseDelayMs: 20, maxDelayMs: 100, pollIntervalMs: 20 },
      ...options,
    });
    agents.push(agent);
    return agent;
  };

  return {
    hubClock,
    hub: running,
    hubUrl,
    async stopHub() {
      await running().close();
      hub = null;
    },
    async restartHub(siteConfig = config) {
      await startHub(siteConfig);
    },
    async startAgent(kioskId, options = {}) {
      const registry = new MachineRegistry(running().ctx.db, hubClock);
      const made = await registry.newCode(kioskId, 'kiosk', 30);
      if (!made.ok) throw new Error(`${kioskId} is enrolled as a ${made.enrolledAs}`);
      const enrolled = await hubRequest('POST', '/api/machines/enrol', { machineId: kioskId, code: made.code });
      const { credential, role } = EnrolResponse.parse(enrolled.body);
      const dataDir = folder(`office-${kioskId}-`);
      writeMachineCredential(dataDir, { hubUrl, machineId: kioskId, role, credential });
      const clock = options.clock ?? new ManualClock(hubClock.now());
      const agent = await runAgent(kioskId, dataDir, clock, options);
      return { agent, clock, dataDir };
    },
    restartAgent: (kioskId, dataDir, clock, options) => runAgent(kioskId, dataDir, clock, options),
    hubRequest,
    async staffToken() {
      await running().staff.upsert('lead', 'lead-password-1', 'Lead');
      const login = await hubRequest('POST', '/api/auth/login', { username: 'lead', password: 'lead-password-1' });
      return LoginResponse.parse(login.body).token;
    },
    async close() {
      for (const agent of agents) await agent.close().catch(() => undefined);
      await hub?.close();
      for (const made of folders) rmSync(made, { recursive: true, force: true });
    },
  };
}

/** Waits (polling, no fixed sleep) until the check holds; fails after `timeoutMs` saying what. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
