/**
 * Keeps one device connected: opens it, notices when it goes (the port closes — on Linux an unplug
 * closes it with `disconnected`; elsewhere the device supervisor's missed heartbeats call
 * `reconnect()`), and reopens with exponential backoff. Every reconnect makes a new Link, so
 * nothing written before the unplug is replayed afterwards.
 */
import { existsSync } from 'node:fs';
import type { Connector } from '../serial/connector.js';
import type { Link, LinkClosedInfo } from '../serial/link.js';

export interface Backoff {
  initialMs: number;
  maxMs: number;
}
export const defaultBackoff: Backoff = { initialMs: 250, maxMs: 10_000 };

export interface KeeperHandlers {
  /** The device is connected on this link; set up the protocol. Throwing counts as a failed attempt. */
  opened(link: Link): Promise<void>;
  /** The link is gone (or could not be opened); `attempt` counts consecutive failures. */
  lost(reason: 'unplugged' | 'not-found' | 'closed', message: string, attempt: number): void;
}

export class LinkKeeper {
  private link: Link | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private failures = 0;
  private connecting = false;
  /** Links we closed ourselves (stop, reconnect): their close is not an unplug. */
  private readonly closingOnPurpose = new WeakSet<Link>();
  /** Once a device was unplugged, failed reconnects keep saying so (not "not found"). */
  private unplugged = false;
  private presenceTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connector: Connector,
    private readonly handlers: KeeperHandlers,
    private readonly backoff: Backoff = defaultBackoff,
  ) {}

  current(): Link | null {
    return this.link;
  }

  start(): Promise<void> {
    this.stopped = false;
    // Where the device is a file (Linux, macOS), its node vanishing is an unplug even if the port
    // has not reported a close yet (a pty whose other end went away, an idle USB adapter).
    this.presenceTimer = setInterval(() => {
      const link = this.link;
      if (link && link.description.startsWith('/') && !existsSync(link.description)) void link.close();
    }, 1_000);
    this.presenceTimer.unref?.();
    return this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    this.presenceTimer = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const link = this.link;
    this.link = null;
    if (link) {
      this.closingOnPurpose.add(link);
      await link.close();
    }
  }

  /** Drop the current link and connect again (used after missed heartbeats). */
  async reconnect(): Promise<void> {
    const link = this.link;
    if (link) {
      this.closingOnPurpose.add(link);
      await link.close();
    } else this.schedule();
  }

  private async attempt(): Promise<void> {
    if (this.stopped || this.connecting || this.link) return;
    this.connecting = true;
    let link: Link;
    try {
      link = await this.connector.connect();
    } catch (error) {
      this.connecting = false;
      this.failures += 1;
      this.handlers.lost(
        this.unplugged ? 'unplugged' : 'not-found',
        `Cannot open ${this.connector.description}: ${(error as Error).message}`,
        this.failures,
      );
      this.schedule();
      return;
    }
    if (this.stopped) {
      this.connecting = false;
      await link.close();
      return;
    }
    this.link = link;
    link.onClose((info) => this.onClosed(link, info));
    try {
      await this.handlers.opened(link);
      this.failures = 0;
      this.unplugged = false;
    } catch (error) {
      this.failures += 1;
      this.handlers.lost(
        'closed',
        `Opened ${link.description} but the device did not start: ${(error as Error).message}`,
        this.failures,
      );
      this.closingOnPurpose.add(link);
      await link.close();
    } finally {
      this.connecting = false;
    }
  }

  private onClosed(link: Link, info: LinkClosedInfo): void {
    if (this.link !== link) return;
    this.link = null;
    if (this.stopped) return;
    // Linux reports an unplug as a close with `disconnected`; a pty whose far end vanished may
    // instead fail a write first and close plainly. Any close we did not ask for is an unplug.
    if (info.disconnected || !this.closingOnPurpose.has(link)) {
      this.unplugged = true;
      this.handlers.lost('unplugged', `${link.description} was disconnected (${info.message}).`, ++this.failures);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.max(0, this.failures - 1));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.attempt();
    }, delay);
    this.timer.unref?.();
  }
}
