/**
 * One ZVT card terminal under supervision: connects through a LinkKeeper, registers (06 00) on every
 * (re)connect, checks it with a status enquiry (05 01) when idle, and publishes its state. Payment
 * calls while it is away answer at once with 'cancelled' (nothing was started) so the kiosk can say
 * "Card payments are not available at the moment — please ask at reception".
 */
import type { Logger } from 'pino';
import type { DeviceState } from '../../contract/devices.js';
import type { Connector } from '../serial/connector.js';
import type { Link } from '../serial/link.js';
import type {
  AuthorisationRequest,
  AuthorisationResult,
  EndOfDayTotals,
  PaymentTerminal,
  TerminalPrompt,
} from '../types.js';
import { ZvtLinkLayer } from '../zvt/link-layer.js';
import { ZvtSession, defaultSessionTimeouts, type SessionTimeouts } from '../zvt/session.js';
import { StateHolder } from './device-state.js';
import { LinkKeeper, defaultBackoff, type Backoff } from './keeper.js';

export interface TerminalSupervisorOptions {
  id?: string;
  kiosk: string | null;
  connector: Connector;
  password: string;
  currencyCode: number;
  timeouts?: Partial<SessionTimeouts>;
  /** T3 and repetitions at the link level. */
  ackTimeoutMs?: number;
  retries?: number;
  /** Status enquiry interval while idle (0 = off). */
  heartbeatMs?: number;
  backoff?: Backoff;
  logger?: Logger;
}

export const UNAVAILABLE_MESSAGE = 'Card payments are not available at the moment.';

export class SupervisedTerminal implements PaymentTerminal {
  private readonly holder: StateHolder;
  private readonly keeper: LinkKeeper;
  private session: ZvtSession | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  /** A status enquiry in progress; a payment waits for it rather than finding the terminal busy. */
  private beating: Promise<void> | null = null;

  constructor(private readonly options: TerminalSupervisorOptions) {
    this.holder = new StateHolder({ id: options.id ?? 'card-terminal', kind: 'card-terminal', kiosk: options.kiosk });
    this.keeper = new LinkKeeper(
      options.connector,
      { opened: (link) => this.opened(link), lost: (reason, message, attempt) => this.lost(reason, message, attempt) },
      options.backoff ?? defaultBackoff,
    );
  }

  async start(): Promise<void> {
    await this.keeper.start();
    const every = this.options.heartbeatMs ?? 30_000;
    if (every > 0) {
      this.heartbeat = setInterval(() => {
        if (this.beating) return;
        this.beating = this.beat().finally(() => {
          this.beating = null;
        });
      }, every);
      this.heartbeat.unref?.();
    }
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.session = null;
    await this.keeper.stop();
  }

  state(): DeviceState {
    return this.holder.get();
  }

  onChange(listener: (state: DeviceState) => void): () => void {
    return this.holder.onChange(listener);
  }

  async authorise(
    request: AuthorisationRequest,
    onPrompt: (prompt: TerminalPrompt, text: string) => void,
  ): Promise<AuthorisationResult> {
    if (this.beating) await this.beating;
    const session = this.session;
    if (!session) return { outcome: 'cancelled', message: UNAVAILABLE_MESSAGE };
    const result = await session.authorise(request, onPrompt);
    this.options.logger?.info(
      {
        device: this.holder.get().id,
        kiosk: this.options.kiosk,
        reference: request.reference,
        outcome: result.outcome,
      },
      'card authorisation finished',
    );
    if (result.outcome === 'unknown') {
      this.holder.set(
        'warning',
        'unconfirmed-payment',
        'A card payment ended without a final answer from the terminal; check its journal.',
      );
    } else if (this.holder.get().reason === 'unconfirmed-payment' || this.holder.get().health === 'offline') {
      this.holder.set('ok', null, null);
    }
    return result;
  }

  async abort(): Promise<void> {
    this.session?.requestAbort();
  }

  async endOfDay(): Promise<EndOfDayTotals> {
    const session = this.session;
    if (!session) throw new Error(`${UNAVAILABLE_MESSAGE} (end of day needs the terminal connected)`);
    return session.endOfDay();
  }

  private async opened(link: Link): Promise<void> {
    const log = this.options.logger;
    const layer = new ZvtLinkLayer(link, {
      ...(this.options.ackTimeoutMs !== undefined ? { ackTimeoutMs: this.options.ackTimeoutMs } : {}),
      ...(this.options.retries !== undefined ? { retries: this.options.retries } : {}),
      ...(log
        ? {
            trace: (direction: 'in' | 'out', text: string) =>
              log.debug({ device: 'card-terminal', kiosk: this.options.kiosk, direction }, text),
          }
        : {}),
    });
    const session = new ZvtSession(
      layer,
      { password: this.options.password, currencyCode: this.options.currencyCode },
      { ...defaultSessionTimeouts, ...this.options.timeouts },
    );
    link.onClose(() => {
      if (this.session === session) this.session = null;
    });
    try {
      await session.register();
    } catch (error) {
      this.holder.set(
        'fault',
        'registration-failed',
        `The card terminal at ${link.description} did not accept registration: ${(error as Error).message}`,
      );
      throw error;
    }
    this.session = session;
    this.holder.set('ok', null, null);
    log?.info(
      { device: 'card-terminal', kiosk: this.options.kiosk, path: link.description },
      'card terminal registered',
    );
  }

  private lost(reason: 'unplugged' | 'not-found' | 'closed', message: string, attempt: number): void {
    this.session = null;
    if (reason === 'closed' && this.holder.get().reason === 'registration-failed') return;
    this.holder.set(
      'offline',
      reason === 'closed' ? 'not-found' : reason,
      reason === 'unplugged'
        ? 'The card terminal was unplugged or switched off; reconnecting.'
        : `The card terminal cannot be reached (${this.options.connector.description}); retrying.`,
    );
    if (attempt <= 1 || attempt % 10 === 0)
      this.options.logger?.warn({ device: 'card-terminal', kiosk: this.options.kiosk, attempt }, message);
  }

  private async beat(): Promise<void> {
    const session = this.session;
    if (!session || session.isBusy()) return;
    try {
      const code = await session.statusEnquiry();
      if (code === null) return; // busy
      if (code === 0) {
        if (this.holder.get().health !== 'warning') this.holder.set('ok', null, null);
      } else
        this.holder.set(
          'fault',
          'terminal-error',
          `The card terminal reports status ${code.toString(16).padStart(2, '0')}.`,
        );
    } catch {
      if (this.session !== session) return;
      this.holder.set('offline', 'no-response', 'The card terminal does not answer.');
      await this.keeper.reconnect();
    }
  }
}
