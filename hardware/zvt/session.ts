/**
 * ZVT application layer on one open line (ZVT spec, "Registration 06 00", "Authorisation 06 01",
 * "End-of-Day 06 50", "Status-Enquiry 05 01", "Abort 06 B0"). The ECR is master until the terminal
 * answers 80 00 00 to a command; from then on the terminal is master and sends intermediate status
 * (04 FF), print lines (06 D1 / 06 D3) and status information (04 0F), each of which we answer with
 * 80 00 00, until it hands mastership back with completion (06 0F) or abort (06 1E).
 *
 * Timeouts: commandAckMs for the 80 00 00 after a command; finalAnswerMs (T4-like) for the next
 * terminal message, restarted on every message (Portalum.Zvt #14). An authorisation that has been
 * accepted but never finished is 'unknown' — never retried here: the money may have been taken.
 */
import type { AuthorisationRequest, AuthorisationResult, EndOfDayTotals, TerminalPrompt } from '../types.js';
import { encodeApdu, hex, type Apdu } from './apdu.js';
import { ZvtLinkError, type ZvtLinkLayer } from './link-layer.js';
import {
  abortRequest,
  authorisation,
  endOfDay,
  intermediateStatus,
  is,
  isNegativeAck,
  isPositiveAck,
  positiveAck,
  printLine,
  printTextBlock,
  registration,
  resultText,
  statusInformation,
  type StatusInformation,
} from './messages.js';
import { toBcd } from './apdu.js';

export interface SessionTimeouts {
  /** Waiting for 80 00 00 after a command (default 5 s). */
  commandAckMs: number;
  /** Waiting for the terminal's next message while it is master; restarts on each one (default 180 s). */
  finalAnswerMs: number;
}

export const defaultSessionTimeouts: SessionTimeouts = { commandAckMs: 5_000, finalAnswerMs: 180_000 };

export class TerminalRefusedError extends Error {
  constructor(
    readonly resultCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A card number that slipped into a receipt line is cut to its last four digits. */
export function maskCardNumbers(line: string): string {
  return line.replace(/(?:\d[ -]?){12,18}\d/g, (run) => {
    const digits = run.replace(/\D/g, '');
    return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  });
}

interface MasterPhaseResult {
  ending: 'completion' | 'abort';
  abortCode: number | null;
  status: StatusInformation | null;
  receiptLines: string[];
}

export class ZvtSession {
  private abortWanted = false;
  private busy = false;

  constructor(
    private readonly link: ZvtLinkLayer,
    private readonly settings: { password: string; currencyCode: number },
    private readonly timeouts: SessionTimeouts = defaultSessionTimeouts,
  ) {}

  isBusy(): boolean {
    return this.busy;
  }

  /** Sends the command and waits for 80 00 00; a negative acknowledgement (84 xx) is thrown. */
  private async command(apdu: Uint8Array): Promise<void> {
    this.link.clearInbox();
    await this.link.send(apdu).catch((error: unknown) => {
      // No ACK at all: the terminal may still have the frame; the 80 00 00 wait below decides.
      if (!(error instanceof ZvtLinkError) || error.code !== 'no-ack') throw error;
    });
    let answer = await this.link.receive(this.timeouts.commandAckMs);
    // 84 9C: "please wait" (e.g. our frame was repeated while the PT was already working on it).
    while (isNegativeAck(answer) && answer.ins === 0x9c) answer = await this.link.receive(this.timeouts.commandAckMs);
    if (isPositiveAck(answer)) return;
    if (isNegativeAck(answer))
      throw new TerminalRefusedError(
        answer.ins,
        `The card terminal refused the command: ${resultText(answer.ins)} (84 ${hex(answer.ins)}).`,
      );
    throw new ZvtLinkError('timeout', `Unexpected answer ${hex(answer.cls)} ${hex(answer.ins)} to a command.`);
  }

  /** Everything the terminal sends while it is master, until 06 0F or 06 1E. */
  private async masterPhase(onPrompt?: (prompt: TerminalPrompt, text: string) => void): Promise<MasterPhaseResult> {
    const receiptLines: string[] = [];
    let status: StatusInformation | null = null;
    for (;;) {
      const apdu: Apdu = await this.link.receive(this.timeouts.finalAnswerMs);
      if (is(apdu, 0x04, 0xff)) {
        const { prompt, text } = intermediateStatus(apdu);
        if (this.abortWanted) {
          this.abortWanted = false;
          await this.link.send(abortRequest());
        } else await this.link.send(positiveAck());
        onPrompt?.(prompt, text);
      } else if (is(apdu, 0x06, 0xd1)) {
        await this.link.send(positiveAck());
        receiptLines.push(maskCardNumbers(printLine(apdu).text));
      } else if (is(apdu, 0x06, 0xd3)) {
        await this.link.send(positiveAck());
        receiptLines.push(...printTextBlock(apdu).map(maskCardNumbers));
      } else if (is(apdu, 0x04, 0x0f)) {
        await this.link.send(positiveAck());
        status = statusInformation(apdu);
      } else if (is(apdu, 0x06, 0x0f)) {
        await this.link.send(positiveAck());
        return { ending: 'completion', abortCode: null, status, receiptLines };
      } else if (is(apdu, 0x06, 0x1e)) {
        await this.link.send(positiveAck());
        return { ending: 'abort', abortCode: apdu.data[0] ?? 0xff, status, receiptLines };
      } else if (isPositiveAck(apdu) || isNegativeAck(apdu)) {
        // A late acknowledgement: nothing to answer.
      } else {
        await this.link.send(encodeApdu(0x84, 0x83)); // "function not supported"
      }
    }
  }

  private async exclusive<T>(work: () => Promise<T>, whenBusy: () => T): Promise<T> {
    if (this.busy) return whenBusy();
    this.busy = true;
    this.abortWanted = false;
    try {
      return await work();
    } finally {
      this.busy = false;
      this.abortWanted = false;
    }
  }

  async register(): Promise<void> {
    await this.exclusive(
      async () => {
        await this.command(registration(this.settings.password, this.settings.currencyCode));
        // Terminals answer registration with 80 00 00 and usually a completion (06 0F) carrying the TID.
        try {
          const next = await this.link.receive(this.timeouts.commandAckMs);
          if (is(next, 0x06, 0x0f)) await this.link.send(positiveAck());
        } catch (error) {
          if (!(error instanceof ZvtLinkError) || error.code !== 'timeout') throw error;
        }
      },
      () => undefined,
    );
  }

  /** Status enquiry (05 01) as a heartbeat: answers the terminal's status code (0 = ready). */
  async statusEnquiry(): Promise<number | null> {
    return this.exclusive(
      async () => {
        await this.command(encodeApdu(0x05, 0x01, toBcd(this.settings.password, 3)));
        const result = await this.masterPhase();
        return result.status?.resultCode ?? (result.ending === 'completion' ? 0 : result.abortCode);
      },
      () => null,
    );
  }

  async authorise(
    request: AuthorisationRequest,
    onPrompt: (prompt: TerminalPrompt, text: string) => void,
  ): Promise<AuthorisationResult> {
    return this.exclusive(
      async () => {
        try {
          await this.command(authorisation(request.amountPence, this.settings.currencyCode));
        } catch (error) {
          // Not accepted: nothing was started, so nothing can have been taken.
          if (error instanceof TerminalRefusedError) return { outcome: 'cancelled', message: error.message };
          return {
            outcome: 'cancelled',
            message: `The card terminal did not accept the payment request: ${(error as Error).message}`,
          };
        }
        let result: MasterPhaseResult;
        try {
          result = await this.masterPhase(onPrompt);
        } catch (error) {
          return {
            outcome: 'unknown',
            message: `The card terminal did not give a final answer (${(error as Error).message}). The payment may or may not have been taken: check the terminal's journal before trying again.`,
          };
        }
        return this.interpret(result, request);
      },
      () => ({ outcome: 'cancelled', message: 'The card terminal is busy with another transaction.' }),
    );
  }

  private interpret(result: MasterPhaseResult, request: AuthorisationRequest): AuthorisationResult {
    const status = result.status;
    const code = status?.resultCode ?? (result.ending === 'abort' ? result.abortCode : null);
    if (code === 0 && status) {
      return {
        outcome: 'approved',
        amountPence: status.amountPence ?? request.amountPence,
        authCode: status.authCode ?? '',
        cardScheme: status.cardScheme ?? 'card',
        lastFour: status.lastFour ?? '',
        terminalId: status.terminalId ?? '',
        traceNumber: status.traceNumber ?? '',
        receiptLines: result.receiptLines,
      };
    }
    if (code === 0x6c) return { outcome: 'cancelled', message: resultText(0x6c) };
    if (code !== null && code !== 0)
      return {
        outcome: 'declined',
        resultCode: hex(code),
        message: resultText(code),
        receiptLines: result.receiptLines,
      };
    return {
      outcome: 'unknown',
      message: 'The card terminal finished without reporting a result. Check its journal before trying again.',
    };
  }

  /** Ask the terminal to stop: sent in place of our next acknowledgement of an intermediate status. */
  requestAbort(): void {
    if (this.busy) this.abortWanted = true;
  }

  async endOfDay(): Promise<EndOfDayTotals> {
    const outcome = await this.exclusive<EndOfDayTotals | Error>(
      async () => {
        await this.command(endOfDay(this.settings.password));
        const result = await this.masterPhase();
        const status = result.status;
        if (result.ending === 'abort' || !status || (status.resultCode !== null && status.resultCode !== 0)) {
          const code = status?.resultCode ?? result.abortCode ?? 0xff;
          return new TerminalRefusedError(code, `End of day failed: ${resultText(code)}.`);
        }
        const byScheme = status.totals ?? [];
        return {
          totalPence: status.amountPence ?? byScheme.reduce((sum, s) => sum + s.totalPence, 0),
          count: byScheme.reduce((sum, s) => sum + s.count, 0),
          byScheme,
        };
      },
      () => new Error('The card terminal is busy with a transaction.'),
    );
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }
}
