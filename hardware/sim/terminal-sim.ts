/**
 * A ZVT payment terminal on the far end of a serial line, byte for byte: DLE STX framing with CRC,
 * ACK/NAK with repetition, registration, authorisation with intermediate status, print lines,
 * status information and completion, ECR abort (06 B0), end of day with totals, status enquiry.
 * Each authorisation follows the next scripted behaviour (default: approve):
 *   approve | decline | timeout (card never presented: PT aborts 6C) | abort (customer pressed cancel)
 *   | bad-crc (first frame sent with a wrong CRC, then repeated) | nak-first (NAKs the ECR's command
 *   once) | drop-final (approves, takes the money, never sends 04 0F / 06 0F) | vanish (stops in the
 *   middle of a frame and says nothing more for this transaction) | no-answer (ACKs the command and
 *   then nothing) | silent (does not even ACK).
 */
import type { Duplex } from 'node:stream';
import { berEncode, decodeApdu, encodeApdu, fromBcd, toBcd, varLength, type Apdu } from '../zvt/apdu.js';
import { ACK, NAK, encodeFrame, FrameDecoder, type LinkMessage } from '../zvt/frame.js';
import { encodeCp858 } from '../text/cp858.js';

export type TerminalBehaviour =
  | 'approve'
  | 'decline'
  | 'timeout'
  | 'abort'
  | 'bad-crc'
  | 'nak-first'
  | 'drop-final'
  | 'vanish'
  | 'no-answer'
  | 'silent';

export interface SimulatedCard {
  /** Masked as a terminal sends it in BMP 22: digits, with 'E' for masked ones. */
  maskedPan: string;
  cardType: number;
  cardName: string;
}

export interface TerminalSimOptions {
  terminalId?: string;
  /** Pause between the terminal's messages, as a real PT takes time to read a card (ms). */
  stepMs?: number;
  /** How long the PT waits for a card before giving up with 6C under 'timeout' (ms). */
  cardWaitMs?: number;
  card?: SimulatedCard;
  /** Under 'silent', how long the PT ignores everything, repetitions included (ms). */
  silentMs?: number;
  /** Receipt as print lines (06 D1, default) or one text block (06 D3: TLV 06 → 25 → 07 lines). */
  printMode?: 'lines' | 'text-block';
}

const TOTALS_ORDER = [0x05, 0x0e, 0x06, 0x08, 0x0a, 0x0c]; // girocard, JCB, Mastercard, Amex, Visa, Diners; then other

class SimLinkError extends Error {}

export class TerminalSimulator {
  private stream: Duplex | null = null;
  private readonly decoder = new FrameDecoder();
  private readonly onData = (chunk: Buffer): void => this.receive(chunk);
  private readonly script: TerminalBehaviour[] = [];
  private current: TerminalBehaviour = 'approve';
  private ackWaiter: ((reply: 'ack' | 'nak' | 'timeout') => void) | null = null;
  private replyWaiter: ((apdu: Apdu) => void) | null = null;
  private busy = false;
  private nakedOnce = false;
  private lastCommand: Buffer | null = null;
  private silentUntil = 0;
  private readonly silentMs: number;
  private readonly printMode: 'lines' | 'text-block';
  private ignoreUntilIdle = false;
  private trace = 1;
  private receiptNumber = 1;
  private readonly totals = new Map<number, { count: number; pence: number }>();
  readonly log: string[] = [];
  registered = false;
  /** Amounts actually taken (approved, including those whose answer was lost). */
  readonly taken: number[] = [];
  private readonly terminalId: string;
  private readonly stepMs: number;
  private readonly cardWaitMs: number;
  private readonly card: SimulatedCard;

  constructor(options: TerminalSimOptions = {}) {
    this.terminalId = options.terminalId ?? '52500038';
    this.stepMs = options.stepMs ?? 10;
    this.cardWaitMs = options.cardWaitMs ?? 300;
    this.silentMs = options.silentMs ?? 3_000;
    this.printMode = options.printMode ?? 'lines';
    this.card = options.card ?? { maskedPan: '476173EEEEEE0119', cardType: 0x0a, cardName: 'VISA' };
  }

  attach(stream: Duplex): void {
    this.detach();
    this.stream = stream;
    this.decoder.reset();
    stream.on('data', this.onData);
  }

  detach(): void {
    this.stream?.off('data', this.onData);
    this.stream = null;
    this.ackWaiter?.('timeout');
  }

  /** Script the next authorisation(s); each call queues one. */
  nextTransaction(behaviour: string): void {
    this.script.push(behaviour as TerminalBehaviour);
  }

  totalsSinceEndOfDay(): { count: number; totalPence: number } {
    let count = 0;
    let totalPence = 0;
    for (const t of this.totals.values()) {
      count += t.count;
      totalPence += t.pence;
    }
    return { count, totalPence };
  }

  // ---- link level ----

  private write(bytes: Uint8Array | number[]): void {
    if (this.stream && !this.stream.destroyed) this.stream.write(Buffer.from(bytes));
  }

  private receive(chunk: Buffer): void {
    if (Date.now() < this.silentUntil) return;
    this.decoder.push(chunk, (message) => this.onMessage(message));
  }

  private onMessage(message: LinkMessage): void {
    if (message.kind === 'ack' || message.kind === 'nak') {
      const waiter = this.ackWaiter;
      this.ackWaiter = null;
      waiter?.(message.kind);
      return;
    }
    if (message.kind === 'bad-frame') {
      this.write([NAK]);
      return;
    }
    const apdu = decodeApdu(message.apdu);
    if (!apdu) {
      this.write([NAK]);
      return;
    }
    if (this.ignoreUntilIdle) return;
    if (!this.busy && apdu.cls === 0x06 && apdu.ins === 0x01 && this.script[0] === 'nak-first' && !this.nakedOnce) {
      this.nakedOnce = true;
      this.log.push('NAK (scripted)');
      this.write([NAK]);
      return;
    }
    if (this.script[0] === 'silent' && !this.busy && apdu.cls === 0x06 && apdu.ins === 0x01) {
      this.script.shift();
      this.silentUntil = Date.now() + this.silentMs;
      this.log.push('silent: command ignored');
      return;
    }
    this.write([ACK]);
    // Our ACK was late and the ECR repeated its command: a repetition, not a new command.
    if (this.busy && this.lastCommand && Buffer.from(message.apdu).equals(this.lastCommand)) {
      this.log.push('repeated command ignored');
      return;
    }
    this.log.push(`in ${apdu.cls.toString(16)} ${apdu.ins.toString(16)}`);
    if (this.replyWaiter) {
      const waiter = this.replyWaiter;
      this.replyWaiter = null;
      waiter(apdu);
      return;
    }
    this.lastCommand = Buffer.from(message.apdu);
    void this.command(apdu).catch(() => undefined);
  }

  /** Sends a frame and waits for ACK, repeating on NAK (three repetitions, as the spec says). */
  private async send(apdu: Uint8Array, options: { corruptFirst?: boolean } = {}): Promise<void> {
    for (let attempt = 0; attempt < 4; attempt++) {
      if (!this.stream) throw new SimLinkError('detached');
      const frame = encodeFrame(apdu);
      if (options.corruptFirst && attempt === 0) frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0xff;
      const reply = new Promise<'ack' | 'nak' | 'timeout'>((resolve) => {
        const timer = setTimeout(() => resolve('timeout'), 1_000);
        this.ackWaiter = (r) => {
          clearTimeout(timer);
          resolve(r);
        };
      });
      this.write(frame);
      if ((await reply) === 'ack') return;
    }
    throw new SimLinkError('no ACK from ECR');
  }

  /** PT is master: send a message and wait for the ECR's answer APDU (80 00 00, or 06 B0 to abort). */
  private async sendAndAwaitReply(apdu: Uint8Array, options: { corruptFirst?: boolean } = {}): Promise<Apdu> {
    const reply = new Promise<Apdu>((resolve, reject) => {
      const timer = setTimeout(() => reject(new SimLinkError('ECR did not answer')), 5_000);
      this.replyWaiter = (a) => {
        clearTimeout(timer);
        resolve(a);
      };
    });
    await this.send(apdu, options);
    return reply;
  }

  private pause(ms = this.stepMs): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  // ---- commands ----

  private async command(apdu: Apdu): Promise<void> {
    if (this.busy) {
      await this.send(encodeApdu(0x84, 0x9c)); // busy: please wait
      return;
    }
    this.busy = true;
    try {
      if (apdu.cls === 0x06 && apdu.ins === 0x00) await this.registration(apdu);
      else if (apdu.cls === 0x06 && apdu.ins === 0x01) await this.authorisation(apdu);
      else if (apdu.cls === 0x06 && apdu.ins === 0x50) await this.endOfDay();
      else if (apdu.cls === 0x05 && apdu.ins === 0x01) await this.statusEnquiry();
      else if (apdu.cls === 0x80 || apdu.cls === 0x84) {
        // stray acknowledgement: nothing to do
      } else await this.send(encodeApdu(0x84, 0x83));
    } finally {
      this.busy = false;
      this.current = 'approve';
    }
  }

  private async registration(apdu: Apdu): Promise<void> {
    const configByte = apdu.data[3];
    this.log.push(`registration config ${configByte?.toString(16)}`);
    await this.send(encodeApdu(0x80, 0x00));
    this.registered = true;
    await this.pause();
    await this.sendAndAwaitReply(
      encodeApdu(0x06, 0x0f, [0x19, 0x00, 0x29, ...toBcd(this.terminalId, 4), 0x49, ...toBcd(826, 2)]),
    );
  }

  private async statusEnquiry(): Promise<void> {
    await this.send(encodeApdu(0x80, 0x00));
    await this.sendAndAwaitReply(encodeApdu(0x04, 0x0f, [0x27, 0x00, 0x29, ...toBcd(this.terminalId, 4)]));
    await this.sendAndAwaitReply(encodeApdu(0x06, 0x0f, [0x29, ...toBcd(this.terminalId, 4)]));
  }

  /** Sends 04 FF; answers true when the ECR asked to abort (06 B0) instead of acknowledging. */
  private async intermediate(code: number): Promise<boolean> {
    const reply = await this.sendAndAwaitReply(encodeApdu(0x04, 0xff, [code, 0x0a]));
    return reply.cls === 0x06 && reply.ins === 0xb0;
  }

  private async abortWith(code: number): Promise<void> {
    await this.sendAndAwaitReply(encodeApdu(0x06, 0x1e, [code]));
  }

  private async printLines(lines: string[]): Promise<void> {
    if (this.printMode === 'text-block') {
      const texts = lines.flatMap((line) => berEncode(0x07, encodeCp858(line)));
      await this.sendAndAwaitReply(encodeApdu(0x06, 0xd3, berEncode(0x06, berEncode(0x25, texts))));
      return;
    }
    for (const [i, line] of lines.entries()) {
      await this.sendAndAwaitReply(
        encodeApdu(0x06, 0xd1, [i === lines.length - 1 ? 0xff : 0x00, ...encodeCp858(line)]),
      );
    }
  }

  private async authorisation(apdu: Apdu): Promise<void> {
    this.current = this.script.shift() ?? 'approve';
    const amountField = apdu.data[0] === 0x04 ? apdu.data.subarray(1, 7) : null;
    const amount = amountField ? Number(fromBcd(amountField)) : 0;
    this.log.push(`authorisation ${amount} (${this.current})`);
    this.nakedOnce = false;
    await this.send(encodeApdu(0x80, 0x00), { corruptFirst: this.current === 'bad-crc' });
    if (this.current === 'no-answer') return;
    await this.pause();
    if (this.current === 'vanish') {
      const frame = encodeFrame(encodeApdu(0x04, 0xff, [0x0a, 0x0a]));
      this.write(frame.subarray(0, 4));
      this.ignoreUntilIdle = true;
      setTimeout(() => (this.ignoreUntilIdle = false), 1_000).unref();
      return;
    }
    // Waiting for the card: repeat "insert card" as terminals do, so the ECR can send 06 B0.
    const cardDeadline = Date.now() + (this.current === 'timeout' ? this.cardWaitMs : this.stepMs * 3);
    while (Date.now() < cardDeadline) {
      if (await this.intermediate(0x0a)) {
        await this.abortWith(0x6c);
        return;
      }
      await this.pause(Math.max(this.stepMs, 20));
    }
    if (this.current === 'timeout' || this.current === 'abort') {
      await this.abortWith(0x6c);
      return;
    }
    if (await this.intermediate(0x0e)) {
      await this.abortWith(0x6c);
      return;
    }
    await this.pause();
    if (await this.intermediate(0x04)) {
      // Card already read: too late for the ECR to abort; carry on as the terminal would.
    }
    await this.pause();
    const approved = this.current !== 'decline';
    const trace = this.trace++;
    const receipt = this.receiptNumber++;
    const pan = this.card.maskedPan;
    const panBytes = toBcdDigits(pan);
    if (approved) {
      this.taken.push(amount);
      const key = TOTALS_ORDER.includes(this.card.cardType) ? this.card.cardType : -1;
      const t = this.totals.get(key) ?? { count: 0, pence: 0 };
      this.totals.set(key, { count: t.count + 1, pence: t.pence + amount });
    }
    if (this.current === 'drop-final') {
      this.log.push('final answer dropped');
      return;
    }
    const status = [
      0x27,
      approved ? 0x00 : 0x05,
      0x04,
      ...toBcd(amount, 6),
      0x0b,
      ...toBcd(trace, 3),
      0x0c,
      ...toBcd('101500', 3),
      0x0d,
      ...toBcd('0701', 2),
      0x0e,
      ...toBcd('2812', 2),
      0x22,
      ...varLength(panBytes.length, 2),
      ...panBytes,
      0x29,
      ...toBcd(this.terminalId, 4),
      ...(approved ? [0x3b, ...Buffer.from('A1B2C3  ', 'latin1')] : []),
      0x49,
      ...toBcd(826, 2),
      0x87,
      ...toBcd(receipt, 2),
      0x8a,
      this.card.cardType,
      0x8b,
      ...varLength(this.card.cardName.length, 2),
      ...Buffer.from(this.card.cardName, 'latin1'),
    ];
    await this.sendAndAwaitReply(encodeApdu(0x04, 0x0f, status));
    const pounds = `£${(amount / 100).toFixed(2)}`;
    await this.printLines([
      'CARDHOLDER COPY',
      `${this.card.cardName} ************${pan.slice(-4)}`,
      `AMOUNT ${pounds}`,
      approved ? 'AUTH CODE A1B2C3' : 'DECLINED',
      `TRACE ${trace}  TID ${this.terminalId}`,
    ]);
    if (approved) await this.sendAndAwaitReply(encodeApdu(0x06, 0x0f, [0x27, 0x00]));
    else await this.abortWith(0x05);
  }

  private async endOfDay(): Promise<void> {
    await this.send(encodeApdu(0x80, 0x00));
    await this.pause();
    await this.intermediate(0xd2);
    const { totalPence } = this.totalsSinceEndOfDay();
    const individual: number[] = [...toBcd(1, 2), ...toBcd(Math.max(1, this.receiptNumber - 1), 2)];
    for (const type of [...TOTALS_ORDER, -1]) {
      const t = this.totals.get(type) ?? { count: 0, pence: 0 };
      individual.push(Math.min(255, t.count), ...toBcd(t.pence, 6));
    }
    await this.sendAndAwaitReply(
      encodeApdu(0x04, 0x0f, [
        0x27,
        0x00,
        0x04,
        ...toBcd(totalPence, 6),
        0x60,
        ...varLength(individual.length, 3),
        ...individual,
      ]),
    );
    await this.printLines(['END OF DAY', `TOTAL £${(totalPence / 100).toFixed(2)}`]);
    await this.sendAndAwaitReply(encodeApdu(0x06, 0x0f, [0x27, 0x00]));
    this.totals.clear();
  }
}

/** BMP 22 digits (with 'E' for masked digits) packed two per byte, padded with F. */
function toBcdDigits(digits: string): number[] {
  const padded = digits.length % 2 === 0 ? digits : `${digits}F`;
  const out: number[] = [];
  for (let i = 0; i < padded.length; i += 2) out.push(parseInt(padded.slice(i, i + 2), 16));
  return out;
}
