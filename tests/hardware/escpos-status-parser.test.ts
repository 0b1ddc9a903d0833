import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { SerialPortMock } from 'serialport';
import { EscPosStatusParser, StatusSplitter, type StatusMessage } from '../../hardware/escpos/status-parser.js';
import { statusFromAsb, statusFromRealtime, verdictFor } from '../../hardware/escpos/status.js';

function split(chunks: number[][], statusBack = true): StatusMessage[] {
  const out: StatusMessage[] = [];
  const splitter = new StatusSplitter({ statusBack });
  for (const chunk of chunks) splitter.push(Uint8Array.from(chunk), (m) => out.push(m));
  return out;
}

const oneByOne = (bytes: number[]): number[][] => bytes.map((b) => [b]);

// What a printer sends: a DLE EOT reply (0x12 plus condition bits), an ASB frame, a GS r 1 reply.
const realtimeByte = fc.integer({ min: 0, max: 255 }).map((b) => (b & 0x6c) | 0x12);
const asbFrame = fc
  .tuple(
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
  )
  .map(([a, b, c, d]) => [(a & 0x6c) | 0x10, b & 0x6f, c & 0x6f, d & 0x6f] as [number, number, number, number]);
const transmitByte = fc.integer({ min: 0, max: 255 }).map((b) => b & 0x6f);
const message: fc.Arbitrary<StatusMessage> = fc.oneof(
  realtimeByte.map((byte) => ({ kind: 'realtime' as const, byte })),
  asbFrame.map((frame) => ({ kind: 'asb' as const, frame })),
  transmitByte.map((byte) => ({ kind: 'transmit-status' as const, byte })),
);
const wire = (messages: StatusMessage[]): number[] =>
  messages.flatMap((m) => (m.kind === 'asb' ? [...m.frame] : [m.byte]));

function chunked(bytes: number[], cuts: number[]): number[][] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: number[][] = [];
  let last = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.slice(last, p));
    last = p;
  }
  return chunks;
}

describe('ESC/POS status replies', () => {
  test('idle printer answers DLE EOT 1–4 with 0x12 each: ok', () => {
    expect(verdictFor(statusFromRealtime(0x12, 0x12, 0x12, 0x12), 'printer').health).toBe('ok');
  });

  test('paper end, cover open, cutter jam and near end are read from the right bits', () => {
    expect(verdictFor(statusFromRealtime(0x1a, 0x32, 0x12, 0x72), 'printer').reason).toBe('paper-end');
    expect(verdictFor(statusFromRealtime(0x1a, 0x16, 0x12, 0x12), 'printer').reason).toBe('cover-open');
    expect(verdictFor(statusFromRealtime(0x1a, 0x52, 0x1a, 0x12), 'printer').reason).toBe('cutter-error');
    const nearEnd = verdictFor(statusFromRealtime(0x12, 0x12, 0x12, 0x1e), 'ticket printer');
    expect(nearEnd).toEqual({
      health: 'warning',
      reason: 'paper-near-end',
      detail: "The ticket printer's paper is running low.",
    });
    expect(verdictFor(statusFromAsb([0x38, 0x00, 0x00, 0x00]), 'printer').reason).toBe('cover-open');
    expect(verdictFor(statusFromAsb([0x18, 0x00, 0x0c, 0x00]), 'printer').reason).toBe('paper-end');
  });

  test('an ASB frame with a DLE EOT reply in the middle, one byte at a time', () => {
    // ASB (cover open) split around a real-time reply, then a GS r reply (near end).
    const bytes = [0x38, 0x00, 0x12, 0x00, 0x00, 0x03];
    expect(split(oneByOne(bytes))).toEqual([
      { kind: 'realtime', byte: 0x12 },
      { kind: 'asb', frame: [0x38, 0x00, 0x00, 0x00] },
      { kind: 'transmit-status', byte: 0x03 },
    ]);
  });

  test('XON/XOFF and other bytes that are no reply are dropped', () => {
    const bytes = [0x11, 0x13, 0xff, 0x12];
    expect(split([bytes])).toEqual([{ kind: 'realtime', byte: 0x12 }]);
  });

  test('with ASB off, an ASB-shaped byte is not taken as the start of a frame', () => {
    const bytes = [0x10, 0x00];
    expect(split([bytes], false)).toEqual([{ kind: 'transmit-status', byte: 0x00 }]);
  });

  test('any sequence of replies, in any chunking, comes out exactly as sent', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 10 }), (messages, cuts) => {
        const bytes = wire(messages);
        expect(split(chunked(bytes, cuts))).toEqual(messages);
      }),
    );
  });

  test('random noise never throws, and everything it yields is shaped like a real reply', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (noise, statusBack) => {
        for (const m of split([[...noise]], statusBack)) {
          if (m.kind === 'realtime') expect(m.byte & 0x93).toBe(0x12);
          if (m.kind === 'transmit-status') expect(m.byte & 0x90).toBe(0);
          if (m.kind === 'asb') {
            expect(statusBack).toBe(true);
            expect(m.frame[0] & 0x93).toBe(0x10);
            for (const b of m.frame.slice(1)) expect(b & 0x90).toBe(0);
          }
        }
      }),
    );
  });

  test('line noise (bytes no reply can be) between replies neither adds nor hides a reply', () => {
    const noiseByte = fc.integer({ min: 0x80, max: 0xff });
    fc.assert(
      fc.property(fc.array(fc.tuple(message, fc.array(noiseByte, { maxLength: 3 })), { maxLength: 30 }), (items) => {
        const bytes = items.flatMap(([m, noise]) => [...wire([m]), ...noise]);
        expect(split(oneByOne(bytes))).toEqual(items.map(([m]) => m));
      }),
    );
  });

  test('noise between replies cannot turn into an extra realtime reply when none was sent', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 50 }), (noise) => {
        expect(split([noise])).toEqual([]);
      }),
    );
  });

  test('as a stream on a serial port that delivers one byte per read', async () => {
    SerialPortMock.binding.createPort('/dev/PRINTER', { echo: false, record: false, maxReadSize: 1 });
    const port = new SerialPortMock({ path: '/dev/PRINTER', baudRate: 9600 });
    await new Promise<void>((resolve) => port.on('open', () => resolve()));
    const parser = port.pipe(new EscPosStatusParser({ statusBack: true }));
    const seen: StatusMessage[] = [];
    parser.on('data', (m: StatusMessage) => seen.push(m));
    port.port!.emitData(Buffer.from([0x12, 0x18, 0x00, 0x16, 0x0c, 0x00, 0x00]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([
      { kind: 'realtime', byte: 0x12 },
      { kind: 'realtime', byte: 0x16 },
      { kind: 'asb', frame: [0x18, 0x00, 0x0c, 0x00] },
      { kind: 'transmit-status', byte: 0x00 },
    ]);
    await new Promise<void>((resolve) => port.close(() => resolve()));
    SerialPortMock.binding.reset();
  });
});
