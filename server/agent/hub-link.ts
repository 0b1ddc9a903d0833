/**
 * The kiosk agent's line to its hub: every request carries the machine credential, the kiosk's clock
 * and the config version it runs; every answer's `x-hub-time` updates the measured clock offset. A
 * probe every second (and every failed request) decides whether the hub is reachable, so the kiosk
 * notices the hub going away within two seconds and issues tickets offline.
 */
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  hubTimeHeader,
  machineConfigVersionHeader,
  machineTimeHeader,
  protocolVersionHeader,
} from '../../contract/agent.js';
import { machineAuthScheme, MachineIdentity } from '../../contract/machines.js';
import type { Clock } from '../clock.js';

export type HubState = 'online' | 'offline' | 'refused';

/** The hub could not be reached, did not answer in time, or answered 5xx: try again later or work offline. */
export class HubUnreachable extends Error {
  override name = 'HubUnreachable';
}

/** The hub answered and said no (4xx): the message is the hub's own. */
export class HubRefused extends Error {
  override name = 'HubRefused';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface HubLinkOptions {
  hubUrl: string;
  credential: string;
  clock: Clock;
  logger: Logger;
  /** The config version this kiosk runs, sent on every request. */
  configVersion: () => string;
  /** Real-time interval of the reachability probe. */
  probeIntervalMs?: number;
  probeTimeoutMs?: number;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; field?: unknown };
}

const asErrorBody = (value: unknown): ErrorBody => (typeof value === 'object' && value !== null ? value : {});

export class HubLink {
  private current: HubState = 'offline';
  private offsetMs: number | null = null;
  private contactAt: Date | null = null;
  private refusal: string | null = null;
  private hubProtocol: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly listeners = new Set<(state: HubState) => void>();
  private readonly probeIntervalMs: number;
  private readonly probeTimeoutMs: number;

  constructor(private readonly options: HubLinkOptions) {
    this.probeIntervalMs = options.probeIntervalMs ?? 1000;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 800;
  }

  get hubUrl(): string {
    return this.options.hubUrl;
  }

  /** This machine's credential, for the outbox senders that deliver to the same hub. */
  get credential(): string {
    return this.options.credential;
  }

  get state(): HubState {
    return this.current;
  }

  /** Hub clock minus this kiosk's clock at the last answer; null before any. */
  get clockOffsetMs(): number | null {
    return this.offsetMs;
  }

  get lastContactAt(): Date | null {
    return this.contactAt;
  }

  /** The protocol version the hub said it speaks at its last answer; null before any. */
  get hubProtocolVersion(): number | null {
    return this.hubProtocol;
  }

  /** Why the hub refuses this machine (revoked, unknown), when it does. */
  get refusedBecause(): string | null {
    return this.refusal;
  }

  /** The headers a request to the hub carries (also used by the outbox senders). */
  contactHeaders(): Record<string, string> {
    return {
      authorization: `${machineAuthScheme} ${this.options.credential}`,
      [machineTimeHeader]: this.options.clock.now().toISOString(),
      [machineConfigVersionHeader]: this.options.configVersion(),
    };
  }

  onChange(listener: (state: HubState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * One request to the hub, its answer checked against `schema`. Throws HubUnreachable (network,
   * timeout, 5xx: the link goes offline) or HubRefused (4xx, with the hub's message).
   */
  async request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
    timeoutMs = 5000,
  ): Promise<z.infer<S>> {
    const sentAt = this.options.clock.now().getTime();
    const deadline = Date.now() + timeoutMs;
    const send = () =>
      fetch(new URL(path, this.options.hubUrl), {
        method,
        headers: { ...this.contactHeaders(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
      });
    let response: Response;
    try {
      response = await send().catch((error: unknown) => {
        // A kept-alive connection to a hub that has since restarted fails at once: try a new one.
        // Safe for every request the agent makes: reads, and ticket requests carrying their own id.
        if (Date.now() < deadline && !isTimeout(error)) return send();
        throw error;
      });
    } catch (error) {
      this.lost(error instanceof Error ? error.message : String(error));
      throw new HubUnreachable(`The hub at ${this.options.hubUrl} did not answer ${method} ${path}.`);
    }
    this.heard(response, sentAt);
    const text = await response.text().catch(() => '');
    if (response.status >= 500) {
      this.lost(`answered ${response.status}`);
      throw new HubUnreachable(`The hub answered ${response.status} to ${method} ${path}.`);
    }
    const parsed: unknown = text ? safeJson(text) : null;
    if (response.status >= 400) {
      const error = asErrorBody(parsed).error;
      const message =
        typeof error?.message === 'string' ? error.message : `The hub refused ${method} ${path} (${response.status}).`;
      if (response.status === 401 || response.status === 403) this.refused(message);
      else this.reached();
      throw new HubRefused(
        response.status,
        typeof error?.code === 'string' ? error.code : 'hub-refused',
        message,
        typeof error?.field === 'string' ? error.field : undefined,
      );
    }
    this.reached();
    const checked = schema.safeParse(parsed);
    if (!checked.success)
      throw new HubUnreachable(`The hub's answer to ${method} ${path} is not what this kiosk expects.`);
    return checked.data;
  }

  /** Probes now, then every probeIntervalMs until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.probeLoop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Asks the hub who this machine is: reachable and accepted → online. */
  async probe(): Promise<HubState> {
    await this.request('GET', '/api/machines/me', MachineIdentity, undefined, this.probeTimeoutMs).catch(
      () => undefined,
    );
    return this.current;
  }

  private async probeLoop(): Promise<void> {
    if (this.stopped) return;
    await this.probe();
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.probeLoop(), this.probeIntervalMs);
    this.timer.unref();
  }

  private heard(response: Response, sentAt: number): void {
    const receivedAt = this.options.clock.now().getTime();
    this.contactAt = new Date(receivedAt);
    const protocol = Number(response.headers.get(protocolVersionHeader));
    if (Number.isInteger(protocol) && protocol > 0) this.hubProtocol = protocol;
    const hubTime = Date.parse(response.headers.get(hubTimeHeader) ?? '');
    if (Number.isFinite(hubTime)) this.offsetMs = Math.round(hubTime - (sentAt + receivedAt) / 2);
  }

  private reached(): void {
    this.refusal = null;
    this.become('online');
  }

  private refused(message: string): void {
    this.refusal = message;
    this.become('refused');
  }

  private lost(reason: string): void {
    if (this.current !== 'offline') this.options.logger.warn({ hub: this.options.hubUrl, reason }, 'hub unreachable');
    this.become('offline');
  }

  private become(state: HubState): void {
    if (state === this.current) return;
    this.current = state;
    if (state === 'online') this.options.logger.info({ hub: this.options.hubUrl }, 'hub reachable');
    for (const listener of this.listeners) listener(state);
  }
}

const isTimeout = (error: unknown) =>
  error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
