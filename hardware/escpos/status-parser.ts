/**
 * Splits what an ESC/POS printer sends back into replies, whatever the chunking: one byte at a time,
 * several replies merged, an ASB frame with a real-time reply in the middle. Written in the style of
 * the node-serialport parsers (a Transform stream); bytes in, StatusMessage objects out.
 *
 * How the bytes tell themselves apart (Epson ESC/POS reference, "GS a" notes):
 * - DLE EOT reply:        b & 0x93 == 0x12 (bits 1 and 4 always set, 0 and 7 clear)
 * - ASB frame, 1st byte:  b & 0x93 == 0x10; the three bytes after it have b & 0x90 == 0
 * - GS r 1 reply:         b & 0x90 == 0 (bits 4 and 7 fixed at 0)
 * Anything else (e.g. XON 0x11 / XOFF 0x13) is not a reply and is dropped.
 */
import { Transform, type TransformCallback } from 'node:stream';

export type StatusMessage =
  | { kind: 'realtime'; byte: number }
  | { kind: 'asb'; frame: [number, number, number, number] }
  | { kind: 'transmit-status'; byte: number };

export const isRealtimeReply = (b: number): boolean => (b & 0x93) === 0x12;
export const isAsbFirstByte = (b: number): boolean => (b & 0x93) === 0x10;
export const isAsbFollowingByte = (b: number): boolean => (b & 0x90) === 0;

export interface StatusSplitterOptions {
  /** With ASB off, a byte shaped like an ASB start is noise, not a frame. */
  statusBack: boolean;
}

/** The pure state machine, usable without streams (tests, simulator). */
export class StatusSplitter {
  private asb: number[] | null = null;
  dropped = 0;
  constructor(private readonly options: StatusSplitterOptions) {}

  push(bytes: Uint8Array, emit: (message: StatusMessage) => void): void {
    for (const b of bytes) this.pushByte(b, emit);
  }

  private pushByte(b: number, emit: (message: StatusMessage) => void): void {
    if (isRealtimeReply(b)) {
      // Real-time replies may be sent between the bytes of an ASB frame: keep the frame open.
      emit({ kind: 'realtime', byte: b });
      return;
    }
    if (this.options.statusBack && isAsbFirstByte(b)) {
      if (this.asb) this.dropped += this.asb.length;
      this.asb = [b];
      return;
    }
    if (isAsbFollowingByte(b)) {
      if (this.asb) {
        this.asb.push(b);
        if (this.asb.length === 4) {
          const [b1 = 0, b2 = 0, b3 = 0, b4 = 0] = this.asb;
          this.asb = null;
          emit({ kind: 'asb', frame: [b1, b2, b3, b4] });
        }
        return;
      }
      emit({ kind: 'transmit-status', byte: b });
      return;
    }
    this.dropped += 1 + (this.asb?.length ?? 0);
    this.asb = null;
  }
}

export class EscPosStatusParser extends Transform {
  private readonly splitter: StatusSplitter;
  constructor(options: StatusSplitterOptions) {
    super({ readableObjectMode: true });
    this.splitter = new StatusSplitter(options);
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.splitter.push(chunk, (message) => this.push(message));
    callback();
  }
}
