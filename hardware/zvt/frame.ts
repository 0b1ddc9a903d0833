/**
 * ZVT serial framing (ZVT spec, "Transport protocol", RS-232):
 *   DLE STX  APDU (each DLE doubled)  DLE ETX  CRC-lo CRC-hi
 * The receiver answers every frame with one byte, ACK (06) or NAK (15). A frame decoder that copes
 * with any chunking and with noise: a DLE STX inside a frame can only mean a new frame starts (a
 * data DLE is always doubled), so the decoder resynchronises there; frames longer than any APDU
 * (64 KiB + header) are dropped.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { crcCcitt } from './crc.js';

export const DLE = 0x10;
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;
const MAX_APDU = 0xffff + 5;

export function encodeFrame(apdu: Uint8Array): Uint8Array {
  const out: number[] = [DLE, STX];
  for (const b of apdu) {
    out.push(b);
    if (b === DLE) out.push(DLE);
  }
  out.push(DLE, ETX);
  const crc = crcCcitt([...apdu, ETX]);
  out.push(crc & 0xff, crc >>> 8);
  return Uint8Array.from(out);
}

export type LinkMessage =
  | { kind: 'ack' }
  | { kind: 'nak' }
  | { kind: 'frame'; apdu: Uint8Array }
  /** A complete frame whose CRC did not match: answer NAK. */
  | { kind: 'bad-frame' };

type Stage = 'idle' | 'dle' | 'data' | 'data-dle' | 'crc-lo' | 'crc-hi';

export class FrameDecoder {
  private stage: Stage = 'idle';
  private apdu: number[] = [];
  private crcLow = 0;
  /** Bytes outside any frame that were neither ACK nor NAK. */
  noise = 0;

  push(bytes: Iterable<number>, emit: (message: LinkMessage) => void): void {
    for (const b of bytes) this.pushByte(b, emit);
  }

  /** Forget a half-received frame (e.g. after a timeout). */
  reset(): void {
    this.stage = 'idle';
    this.apdu = [];
  }

  private pushByte(b: number, emit: (message: LinkMessage) => void): void {
    switch (this.stage) {
      case 'idle':
        if (b === ACK) emit({ kind: 'ack' });
        else if (b === NAK) emit({ kind: 'nak' });
        else if (b === DLE) this.stage = 'dle';
        else this.noise++;
        return;
      case 'dle':
        if (b === STX) this.startFrame();
        else if (b === DLE) this.stage = 'dle';
        else {
          this.noise += 2;
          this.stage = 'idle';
          if (b === ACK) emit({ kind: 'ack' });
          else if (b === NAK) emit({ kind: 'nak' });
        }
        return;
      case 'data':
        if (b === DLE) this.stage = 'data-dle';
        else this.append(b);
        return;
      case 'data-dle':
        if (b === DLE) {
          this.stage = 'data';
          this.append(DLE);
        } else if (b === ETX) this.stage = 'crc-lo';
        else if (b === STX)
          this.startFrame(); // resync: a new frame begins
        else {
          this.noise += this.apdu.length + 2;
          this.reset();
        }
        return;
      case 'crc-lo':
        this.crcLow = b;
        this.stage = 'crc-hi';
        return;
      case 'crc-hi': {
        const received = this.crcLow | (b << 8);
        const apdu = Uint8Array.from(this.apdu);
        this.reset();
        if (crcCcitt([...apdu, ETX]) === received && apdu.length >= 3) emit({ kind: 'frame', apdu });
        else emit({ kind: 'bad-frame' });
        return;
      }
    }
  }

  private startFrame(): void {
    this.stage = 'data';
    this.apdu = [];
  }

  private append(b: number): void {
    this.apdu.push(b);
    if (this.apdu.length > MAX_APDU) {
      this.noise += this.apdu.length;
      this.reset();
    }
  }
}

/** The decoder as a stream in the node-serialport parser style: bytes in, LinkMessage objects out. */
export class ZvtFrameParser extends Transform {
  private readonly decoder = new FrameDecoder();
  constructor() {
    super({ readableObjectMode: true });
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.decoder.push(chunk, (message) => this.push(message));
    callback();
  }
}
