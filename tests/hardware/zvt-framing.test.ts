import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { SerialPortMock } from 'serialport';
import { crcCcitt } from '../../hardware/zvt/crc.js';
import { ACK, NAK, FrameDecoder, ZvtFrameParser, encodeFrame, type LinkMessage } from '../../hardware/zvt/frame.js';
import { decodeApdu, encodeApdu, fromBcd, parseBmps, toBcd } from '../../hardware/zvt/apdu.js';
import { authorisation, describeApdu, statusInformation } from '../../hardware/zvt/messages.js';
import { maskCardNumbers } from '../../hardware/zvt/session.js';

function decode(chunks: Iterable<Iterable<number>>): LinkMessage[] {
  const out: LinkMessage[] = [];
  const decoder = new FrameDecoder();
  for (const chunk of chunks) decoder.push(chunk, (m) => out.push(m));
  return out;
}
const frames = (messages: LinkMessage[]): number[][] =>
  messages.flatMap((m) => (m.kind === 'frame' ? [Array.from(m.apdu)] : []));

const apdu = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 300 }))
  .map(([cls, ins, data]) => encodeApdu(cls, ins, data));

describe('ZVT framing', () => {
  test('CRC is CRC-CCITT reflected 0x8408 with initial 0 (check value 0x2189), low byte first on the wire', () => {
    expect(crcCcitt(Buffer.from('123456789'))).toBe(0x2189);
    // The positive acknowledgement as every ZVT trace shows it.
    expect(Buffer.from(encodeFrame(Uint8Array.of(0x80, 0x00, 0x00))).toString('hex')).toBe('10028000001003f51f');
  });

  test('DLE inside the APDU is doubled, and decoded back to one', () => {
    const withDle = encodeApdu(0x06, 0x01, [0x04, 0x00, 0x00, 0x00, 0x00, 0x10, 0x10]);
    const frame = encodeFrame(withDle);
    expect(Array.from(frame.subarray(2, 2 + withDle.length + 2))).toEqual([
      0x06, 0x01, 0x07, 0x04, 0x00, 0x00, 0x00, 0x00, 0x10, 0x10, 0x10, 0x10,
    ]);
    expect(frames(decode([frame]))).toEqual([Array.from(withDle)]);
  });

  test('one byte at a time, with ACK/NAK between frames', () => {
    const a = encodeApdu(0x04, 0xff, [0x0a]);
    const b = encodeApdu(0x06, 0x0f, []);
    const bytes = [ACK, ...encodeFrame(a), NAK, ...encodeFrame(b)];
    expect(decode(bytes.map((x) => [x]))).toEqual([
      { kind: 'ack' },
      { kind: 'frame', apdu: a },
      { kind: 'nak' },
      { kind: 'frame', apdu: b },
    ]);
  });

  test('a corrupted CRC is reported as a bad frame (to be NAKed), not as a frame', () => {
    const frame = encodeFrame(encodeApdu(0x80, 0x00));
    frame[frame.length - 2] = (frame[frame.length - 2] ?? 0) ^ 0x01;
    expect(decode([frame])).toEqual([{ kind: 'bad-frame' }]);
  });

  test('a frame cut off in the middle is dropped when the next one starts', () => {
    const first = encodeFrame(encodeApdu(0x04, 0xff, [0x0a, 0x0a]));
    const second = encodeApdu(0x06, 0x1e, [0x6c]);
    expect(frames(decode([first.subarray(0, 5), encodeFrame(second)]))).toEqual([Array.from(second)]);
  });

  test('round trip: any APDUs, merged and split anywhere, come out exactly as sent', () => {
    fc.assert(
      fc.property(fc.array(apdu, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 }), (apdus, cuts) => {
        const wire = apdus.flatMap((a) => Array.from(encodeFrame(a)));
        const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((x, y) => x - y);
        const chunks: number[][] = [];
        let last = 0;
        for (const p of [...points, wire.length]) {
          chunks.push(wire.slice(last, p));
          last = p;
        }
        const out = decode(chunks);
        expect(out.every((m) => m.kind === 'frame')).toBe(true);
        expect(frames(out)).toEqual(apdus.map((a) => Array.from(a)));
      }),
    );
  });

  test('random noise never throws and never yields a frame', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), (noise) => {
        expect(frames(decode([noise]))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test('noise before a frame (not ending in a DLE) never hides or alters it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), apdu, (noise, a) => {
        const clean = noise.length > 0 && noise[noise.length - 1] === 0x10 ? noise.subarray(0, -1) : noise;
        expect(frames(decode([clean, encodeFrame(a)]))).toEqual([Array.from(a)]);
      }),
    );
  });

  test('as a stream on a serial port delivering one byte per read', async () => {
    SerialPortMock.binding.createPort('/dev/TERMINAL', { echo: false, record: false, maxReadSize: 1 });
    const port = new SerialPortMock({ path: '/dev/TERMINAL', baudRate: 9600 });
    await new Promise<void>((resolve) => port.on('open', () => resolve()));
    const seen: LinkMessage[] = [];
    port.pipe(new ZvtFrameParser()).on('data', (m: LinkMessage) => seen.push(m));
    const a = encodeApdu(0x06, 0xd1, [0xff, 0x41, 0x10, 0x42]);
    port.port!.emitData(Buffer.from([ACK, ...encodeFrame(a)]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([{ kind: 'ack' }, { kind: 'frame', apdu: a }]);
    await new Promise<void>((resolve) => port.close(() => resolve()));
    SerialPortMock.binding.reset();
  });
});

describe('ZVT APDUs and fields', () => {
  test('long APDUs use the FF length escape, little-endian', () => {
    const long = encodeApdu(0x06, 0xd3, new Uint8Array(300));
    expect(Array.from(long.subarray(0, 5))).toEqual([0x06, 0xd3, 0xff, 0x2c, 0x01]);
    expect(decodeApdu(long)?.data.length).toBe(300);
  });

  test('authorisation carries the amount as 6-byte BCD and the currency', () => {
    expect(Array.from(authorisation(12_050, 826))).toEqual([
      0x06, 0x01, 0x0a, 0x04, 0x00, 0x00, 0x00, 0x01, 0x20, 0x50, 0x49, 0x08, 0x26,
    ]);
    expect(() => authorisation(0, 826)).toThrow(/not a valid authorisation amount/);
    expect(() => authorisation(1.5, 826)).toThrow();
  });

  test('BCD round trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
        expect(Number(fromBcd(toBcd(n, 6)))).toBe(n);
      }),
    );
  });

  test('status information: only the last four PAN digits survive; logs name card fields without values', () => {
    const status = encodeApdu(0x04, 0x0f, [
      0x27,
      0x00,
      0x04,
      ...toBcd(500, 6),
      0x0b,
      ...toBcd(42, 3),
      0x22,
      0xf0,
      0xf8,
      0x47,
      0x61,
      0x73,
      0xee,
      0xee,
      0xee,
      0x01,
      0x19,
      0x0e,
      0x28,
      0x12,
      0x3b,
      ...Buffer.from('XYZ123  '),
      0x8b,
      0xf0,
      0xf4,
      ...Buffer.from('VISA'),
    ]);
    const parsed = statusInformation(decodeApdu(status)!);
    expect(parsed).toMatchObject({
      resultCode: 0,
      amountPence: 500,
      traceNumber: '000042',
      lastFour: '0119',
      authCode: 'XYZ123',
      cardScheme: 'VISA',
    });
    expect(JSON.stringify(parsed)).not.toContain('476173');
    const log = describeApdu(decodeApdu(status)!);
    expect(log).toContain('22=[redacted]');
    expect(log).toContain('0E=[redacted]');
    expect(log).not.toMatch(/4761|EEEE/i);
  });

  test('unknown BMPs stop parsing without inventing fields', () => {
    const { fields, stoppedAt } = parseBmps(Uint8Array.of(0x27, 0x00, 0x77, 0x01, 0x02));
    expect([...fields.keys()]).toEqual([0x27]);
    expect(stoppedAt).toBe(0x77);
  });

  test('receipt lines never carry a full card number', () => {
    expect(maskCardNumbers('VISA 4761 7300 0000 0119')).toBe('VISA ************0119');
    expect(maskCardNumbers('AMOUNT £12.00')).toBe('AMOUNT £12.00');
  });
});
