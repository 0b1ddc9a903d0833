/**
 * The kiosk agent's heartbeat: once at start and every 15 s it tells the hub how it is (its devices,
 * outboxes, link, config, last error) with POST /api/fleet/heartbeat. A heartbeat that fails is
 * simply missed: the hub shows the kiosk "not seen" once several are.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Heartbeat } from '../../contract/fleet.js';
import type { Clock } from '../clock.js';
import { HubRefused, type HubLink } from './hub-link.js';

export const heartbeatIntervalMs = 15_000;

export interface HeartbeatSenderOptions {
  link: HubLink;
  /** What to tell the hub now. */
  heartbeat: () => Heartbeat;
  logger: Logger;
  /** Real time between heartbeats. */
  intervalMs?: number;
  timeoutMs?: number;
}

/** The hub answers 204 (no body). */
const NoContent = z.null();

export class HeartbeatSender {
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: HeartbeatSenderOptions) {
    this.intervalMs = options.intervalMs ?? heartbeatIntervalMs;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  /** Sends one now, then every interval until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One heartbeat; answers whether the hub took it. Never throws. */
  async send(): Promise<boolean> {
    try {
      await this.options.link.request(
        'POST',
        '/api/fleet/heartbeat',
        NoContent,
        this.options.heartbeat(),
        this.timeoutMs,
      );
      return true;
    } catch (error) {
      // Warn, not error: the last error a heartbeat reports must not be the heartbeat's own failure
      // to arrive, and the hub going away is logged by the link already.
      if (error instanceof HubRefused)
        this.options.logger.warn({ status: error.status, reason: error.message }, 'hub refused the heartbeat');
      else this.options.logger.debug({ reason: String(error) }, 'heartbeat not sent');
      return false;
    }
  }

  private async loop(): Promise<void> {
    if (this.stopped) return;
    await this.send();
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.loop(), this.intervalMs);
    this.timer.unref();
  }
}

export interface LastError {
  at: string;
  message: string;
}

const messageOf = (args: readonly unknown[]): string => {
  const [first, second] = args;
  if (typeof first === 'string') return first;
  if (typeof second === 'string') return second;
  if (first instanceof Error) return first.message;
  return 'error logged without a message';
};

/**
 * A child of `logger` that remembers its last error-level (and fatal) message, for the heartbeat.
 * Only the message is kept, never the logged object: messages are fixed sentences, the objects may
 * hold anything. Children made from it (outboxes, the link) are remembered too.
 */
export function rememberLastError(logger: Logger, clock: Clock): { logger: Logger; lastError: () => LastError | null } {
  let last: LastError | null = null;
  const tracked = logger.child({});
  for (const level of ['error', 'fatal'] as const) {
    const original = tracked[level];
    tracked[level] = function (this: Logger, ...args: unknown[]) {
      last = { at: clock.now().toISOString(), message: messageOf(args).slice(0, 300) };
      Reflect.apply(original, this, args);
    };
  }
  return { logger: tracked, lastError: () => last };
}
