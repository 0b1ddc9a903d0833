/**
 * ZVT transport layer over a serial Link (ZVT spec, "Transport protocol"): every frame we send must
 * be answered with ACK; on NAK or no answer within T3 we send it again, at most three repetitions.
 * Every frame we receive is answered ACK when its CRC is right, NAK when not. Received APDUs queue up
 * for `receive()`; timeouts there are the application's (T4 etc.), not ours.
 */
import type { Link } from '../serial/link.js';
import { decodeApdu, type Apdu } from './apdu.js';
import { ACK, NAK, encodeFrame, ZvtFrameParser, type LinkMessage } from './frame.js';
import { describeApdu } from './messages.js';

export class ZvtLinkError extends Error {
  constructor(
    readonly code: 'no-ack' | 'closed' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

export interface LinkLayerOptions {
  /** T3: how long to wait for ACK/NAK after a frame (spec: 5 s). */
  ackTimeoutMs?: number;
  /** Repetitions after the first attempt (spec: 3). */
  retries?: number;
  /** Frame log (redacted by describeApdu). */
  trace?: (direction: 'out' | 'in', text: string) => void;
}

export class ZvtLinkLayer {
  private readonly parser = new ZvtFrameParser();
  private readonly inbox: Apdu[] = [];
  private receiver: ((apdu: Apdu | null) => void) | null = null;
  private ackWaiter: ((reply: 'ack' | 'nak' | 'closed') => void) | null = null;
  private closed = false;
  private sending: Promise<unknown> = Promise.resolve();
  private readonly ackTimeoutMs: number;
  private readonly retries: number;

  constructor(
    private readonly link: Link,
    private readonly options: LinkLayerOptions = {},
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
    this.retries = options.retries ?? 3;
    link.stream.pipe(this.parser);
    this.parser.on('data', (message: LinkMessage) => this.onMessage(message));
    link.onClose(() => this.dispose());
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.link.stream.unpipe(this.parser);
    this.parser.destroy();
    this.ackWaiter?.('closed');
    this.receiver?.(null);
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Drop anything received but not yet read (before starting a new command). */
  clearInbox(): void {
    this.inbox.splice(0);
  }

  private onMessage(message: LinkMessage): void {
    switch (message.kind) {
      case 'ack':
      case 'nak': {
        const waiter = this.ackWaiter;
        this.ackWaiter = null;
        waiter?.(message.kind);
        return;
      }
      case 'bad-frame':
        this.options.trace?.('in', 'frame with bad CRC → NAK');
        void this.link.write(Uint8Array.of(NAK)).catch(() => undefined);
        return;
      case 'frame': {
        const apdu = decodeApdu(message.apdu);
        if (!apdu) {
          this.options.trace?.('in', 'frame with inconsistent length → NAK');
          void this.link.write(Uint8Array.of(NAK)).catch(() => undefined);
          return;
        }
        void this.link.write(Uint8Array.of(ACK)).catch(() => undefined);
        this.options.trace?.('in', describeApdu(apdu));
        if (this.receiver) {
          const receiver = this.receiver;
          this.receiver = null;
          receiver(apdu);
        } else this.inbox.push(apdu);
        return;
      }
    }
  }

  /** Sends one APDU and waits for the link-level ACK, repeating on NAK or silence. */
  send(apdu: Uint8Array): Promise<void> {
    const run = () => this.sendNow(apdu);
    const result = this.sending.then(run, run);
    this.sending = result.catch(() => undefined);
    return result;
  }

  private async sendNow(apdu: Uint8Array): Promise<void> {
    const frame = encodeFrame(apdu);
    const decoded = decodeApdu(apdu);
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (this.closed) throw new ZvtLinkError('closed', 'The card terminal line is closed.');
      const reply = new Promise<'ack' | 'nak' | 'closed' | 'timeout'>((resolve) => {
        const timer = setTimeout(() => {
          if (this.ackWaiter === waiter) this.ackWaiter = null;
          resolve('timeout');
        }, this.ackTimeoutMs);
        const waiter = (r: 'ack' | 'nak' | 'closed'): void => {
          clearTimeout(timer);
          resolve(r);
        };
        this.ackWaiter = waiter;
      });
      if (decoded) this.options.trace?.('out', `${describeApdu(decoded)}${attempt > 0 ? ` (repeat ${attempt})` : ''}`);
      try {
        await this.link.write(frame);
      } catch (error) {
        throw new ZvtLinkError('closed', `Could not write to the card terminal: ${(error as Error).message}`);
      }
      const answer = await reply;
      if (answer === 'ack') return;
      if (answer === 'closed') throw new ZvtLinkError('closed', 'The card terminal line closed.');
      this.options.trace?.('in', answer === 'nak' ? 'NAK' : 'no ACK within T3');
    }
    throw new ZvtLinkError('no-ack', `The card terminal did not acknowledge after ${this.retries + 1} attempts.`);
  }

  /** The next APDU from the terminal, or a ZvtLinkError('timeout') after `timeoutMs`. */
  receive(timeoutMs: number): Promise<Apdu> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    if (this.closed) return Promise.reject(new ZvtLinkError('closed', 'The card terminal line is closed.'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.receiver === deliver) this.receiver = null;
        reject(
          new ZvtLinkError('timeout', `No message from the card terminal within ${Math.round(timeoutMs / 1000)} s.`),
        );
      }, timeoutMs);
      const deliver = (apdu: Apdu | null): void => {
        clearTimeout(timer);
        if (apdu) resolve(apdu);
        else reject(new ZvtLinkError('closed', 'The card terminal line closed.'));
      };
      this.receiver = deliver;
    });
  }
}
