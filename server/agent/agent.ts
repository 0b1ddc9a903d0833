/**
 * A kiosk agent: this kiosk's own server on loopback, in kiosk role. It runs on the kiosk's part of
 * the hub's site config (fetched with the machine credential, cached for starts with the hub away),
 * owns the kiosk's devices, payment journal and feedback outbox, and asks the hub for queue tickets
 * (server/agent/module.ts). Payments and feedback are sent to the same hub: the kiosk knows one
 * office URL, its hub's. A newer config from the hub is applied when the screen says no resident is
 * mid-journey (POST /api/agent/apply-config from the attract screen), by restarting this server.
 */
import type { Logger } from 'pino';
import { KioskConfigPart, protocolVersion } from '../../contract/agent.js';
import type { SiteConfig } from '../../contract/config.js';
import { FeedbackConfig } from '../../contract/feedback.js';
import { createServer, type HubServer } from '../app.js';
import type { Clock } from '../clock.js';
import { createDevicesModule } from '../devices/module.js';
import { createFeedbackModule, type FeedbackModule } from '../feedback/module.js';
import type { ReadinessCheck } from '../http/health.js';
import { createInfoModule } from '../info/module.js';
import { readMachineCredential } from '../machines/credential-file.js';
import { createPaymentsModule, type PaymentsModule } from '../payments/module.js';
import { appVersion } from '../fleet/app-version.js';
import { outboxDepth } from '../fleet/outbox-depth.js';
import type { OutboxStatus } from '../outbox/outbox.js';
import { configPartProblems, loadConfigPart, saveConfigPart } from './config-cache.js';
import { HeartbeatSender, rememberLastError } from './heartbeat.js';
import { HubLink, HubRefused, HubUnreachable } from './hub-link.js';
import { createAgentQueueModule, type AgentQueueModule } from './module.js';

export interface KioskAgentOptions {
  kioskId: string;
  /** Holds the machine credential (fleet join) and the agent's SQLite file. */
  dataDir: string;
  /** Default: the hub the credential was issued by. */
  hubUrl?: string;
  port?: number;
  clock: Clock;
  logger: Logger;
  simulateDevices?: boolean;
  rendererDir?: string;
  /** Real-time timings, smaller in tests. */
  probeIntervalMs?: number;
  configCheckIntervalMs?: number;
  heartbeatIntervalMs?: number;
  issueTimeoutMs?: number;
  outbox?: { baseDelayMs?: number; maxDelayMs?: number; pollIntervalMs?: number };
}

export interface KioskAgent {
  url: string;
  link: HubLink;
  heartbeat: HeartbeatSender;
  /** The running server (replaced when a new config is applied). */
  server(): HubServer;
  queue(): AgentQueueModule;
  /** A payment is open on this kiosk's card terminal (an update or a new config waits for it). */
  paymentOpen(): boolean;
  /** Fetch the hub's config part now; answers whether it is newer than the one running. */
  checkConfig(): Promise<boolean>;
  /** Applies a fetched newer config (restarts this server on the same port); false when there is none. */
  applyPendingConfig(): Promise<boolean>;
  close(): Promise<void>;
}

export class AgentStartError extends Error {}

/** The part adapted to this kiosk: payments and feedback go to the hub it came from. */
export function runningConfig(part: KioskConfigPart, hubUrl: string): SiteConfig {
  const config = part.config;
  return {
    ...config,
    ...(config.payments ? { payments: { ...config.payments, office: { url: hubUrl } } } : {}),
    feedback: FeedbackConfig.parse({ ...config.feedback, forwardTo: hubUrl }),
  };
}

/** Readiness of an agent: the hub answers (tickets are issued offline while it does not). */
export function hubReachable(link: HubLink): ReadinessCheck {
  if (link.state === 'online') return { name: 'hub', ok: true };
  const lastContact = link.lastContactAt ? `last contact ${link.lastContactAt.toISOString()}` : 'never reached';
  return {
    name: 'hub',
    ok: false,
    problem:
      link.state === 'refused'
        ? `The hub at ${link.hubUrl} refuses this kiosk (${link.refusedBecause ?? 'refused'}): enrol it again.`
        : `The hub at ${link.hubUrl} cannot be reached (${lastContact}): tickets are issued offline until it is back.`,
  };
}

export async function startKioskAgent(agentOptions: KioskAgentOptions): Promise<KioskAgent> {
  const startedAt = agentOptions.clock.now();
  const { logger, lastError } = rememberLastError(agentOptions.logger, agentOptions.clock);
  const options: KioskAgentOptions = { ...agentOptions, logger };
  const credential = readMachineCredential(options.dataDir);
  if (credential.role !== 'kiosk')
    throw new AgentStartError(
      `This machine joined the hub as a ${credential.role}, not a kiosk: enrol it as a kiosk (npm run fleet -- enrol ${options.kioskId} --role kiosk) and join again.`,
    );
  if (credential.machineId !== options.kioskId)
    throw new AgentStartError(
      `This machine joined the hub as "${credential.machineId}", not "${options.kioskId}": start it with --kiosk ${credential.machineId}, or enrol it as ${options.kioskId} and join again.`,
    );
  const hubUrl = options.hubUrl ?? credential.hubUrl;
  let running: KioskConfigPart | null = null;
  let pending: KioskConfigPart | null = null;
  const link = new HubLink({
    hubUrl,
    credential: credential.credential,
    clock: options.clock,
    logger: options.logger,
    configVersion: () => running?.version ?? 'none',
    ...(options.probeIntervalMs !== undefined ? { probeIntervalMs: options.probeIntervalMs } : {}),
  });

  const fetchPart = async (): Promise<KioskConfigPart | null> => {
    try {
      const part = await link.request('GET', '/api/machines/me/config', KioskConfigPart, undefined, 3000);
      const problems = configPartProblems(part, options.kioskId);
      if (problems.length > 0) {
        options.logger.error(
          { version: part.version, problems },
          'hub sent a config this kiosk cannot run: kept the old one',
        );
        return null;
      }
      saveConfigPart(options.dataDir, part);
      return part;
    } catch (error) {
      if (error instanceof HubUnreachable) return null;
      if (error instanceof HubRefused && running === null)
        throw new AgentStartError(`The hub at ${hubUrl} refused this kiosk: ${error.message}`);
      throw error;
    }
  };

  running = (await fetchPart()) ?? loadConfigPart(options.dataDir);
  const hubProtocol = link.hubProtocolVersion;
  if (hubProtocol !== null && hubProtocol !== protocolVersion)
    throw new AgentStartError(
      `This kiosk's build speaks protocol ${protocolVersion} and the hub at ${hubUrl} speaks protocol ${hubProtocol}: ${
        hubProtocol < protocolVersion ? 'update the hub first' : 'update this kiosk'
      }, or pin this kiosk to a build of protocol ${hubProtocol} (shell config "updates.pinVersion").`,
    );
  if (!running)
    throw new AgentStartError(
      `The hub at ${hubUrl} cannot be reached and this kiosk has never fetched its config: start it once with the hub reachable.`,
    );
  const cachedProblems = configPartProblems(running, options.kioskId);
  if (cachedProblems.length > 0)
    throw new AgentStartError(
      `The saved config cannot run kiosk ${options.kioskId}:\n  ${cachedProblems.join('\n  ')}`,
    );

  let queue: AgentQueueModule;
  let payments: () => PaymentsModule;
  let feedback: FeedbackModule;
  let server: HubServer;
  let url = '';
  const build = async (part: KioskConfigPart, port: number): Promise<string> => {
    queue = createAgentQueueModule({
      link,
      kioskId: options.kioskId,
      configVersion: part.version,
      pendingConfigVersion: () => pending?.version ?? null,
      ...(options.issueTimeoutMs !== undefined ? { issueTimeoutMs: options.issueTimeoutMs } : {}),
      ...(options.outbox ? { outbox: options.outbox } : {}),
    });
    const paymentsModule: PaymentsModule = createPaymentsModule({ officeCredential: () => link.credential });
    payments = () => paymentsModule;
    feedback = createFeedbackModule({ officeCredential: () => link.credential });
    server = await createServer({
      config: runningConfig(part, hubUrl),
      role: 'kiosk-agent',
      dataDir: options.dataDir,
      clock: options.clock,
      logger: options.logger,
      simulateDevices: options.simulateDevices ?? false,
      ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
      readinessChecks: () => [hubReachable(link)],
      modules: [queue, feedback, createInfoModule(), createDevicesModule(), paymentsModule],
    });
    // The kiosk screen asks from its attract screen, where no resident is mid-journey; a payment
    // still running on the terminal holds the change back.
    server.app.post('/api/agent/apply-config', async () => {
      if (pending === null) return { applying: false, reason: 'no newer config' };
      if (paymentOpen()) return { applying: false, reason: 'a payment is in progress' };
      setImmediate(
        () =>
          void applyPendingConfig().catch((error: unknown) =>
            options.logger.error({ err: error }, 'config not applied'),
          ),
      );
      return { applying: true, version: pending.version };
    });
    return server.listen(port, '127.0.0.1');
  };

  /** A payment is open on this kiosk's terminal: a new config, or an update, waits for it. */
  const paymentOpen = (): boolean =>
    Boolean(running?.config.payments) && payments().service().runner.isTaking(options.kioskId);

  const applyPendingConfig = async (): Promise<boolean> => {
    if (!pending) return false;
    const next = pending;
    const port = new URL(url).port;
    await server.close();
    running = next;
    pending = null;
    url = await build(next, Number(port));
    options.logger.info({ version: next.version }, 'applied the config from the hub');
    return true;
  };

  const checkConfig = async (): Promise<boolean> => {
    const part = await fetchPart();
    if (!part || part.version === running?.version || part.version === pending?.version) return false;
    pending = part;
    options.logger.info({ version: part.version }, 'newer config from the hub, applied when the kiosk is idle');
    return true;
  };

  url = await build(running, options.port ?? 0);
  // Payments waiting for the hub go as soon as it is back, not at their next backoff retry.
  link.onChange((state) => {
    if (state === 'online' && running?.config.payments)
      void payments()
        .service()
        .outbox.flush()
        .catch(() => undefined);
  });
  link.start();
  const heartbeat = new HeartbeatSender({
    link,
    logger: options.logger,
    heartbeat: () => {
      const now = options.clock.now();
      const outboxes: OutboxStatus[] = [queue.outboxStatus()];
      if (running?.config.payments) outboxes.push(payments().service().outbox.status());
      const forwarding = feedback.outboxStatus();
      if (forwarding) outboxes.push(forwarding);
      return {
        version: appVersion(),
        uptimeSeconds: Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000)),
        configVersion: running?.version ?? null,
        devices: server.ctx.devices.states().slice(0, 20),
        lastError: lastError(),
        outboxes: outboxes.map(outboxDepth),
        hub: link.state,
      };
    },
    ...(options.heartbeatIntervalMs !== undefined ? { intervalMs: options.heartbeatIntervalMs } : {}),
  });
  heartbeat.start();
  const configTimer = setInterval(() => {
    if (link.state === 'online') void checkConfig().catch(() => undefined);
  }, options.configCheckIntervalMs ?? 30_000);
  configTimer.unref();

  return {
    get url() {
      return url;
    },
    link,
    heartbeat,
    server: () => server,
    queue: () => queue,
    checkConfig,
    applyPendingConfig,
    paymentOpen,
    async close() {
      clearInterval(configTimer);
      heartbeat.stop();
      link.stop();
      await server.close();
    },
  };
}
