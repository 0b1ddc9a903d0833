/**
 * ZVT APDUs and their fields (ZVT spec, "APDU structure" and "Bitmaps"): CLASS INSTR LEN DATA, where
 * LEN = FF means a two-byte little-endian length follows. Data is a run of BMPs (one-byte tag, fixed
 * or LLVAR/LLLVAR length) and, for tag 06, BER-TLV.
 */

export interface Apdu {
  cls: number;
  ins: number;
  data: Uint8Array;
}

export function encodeApdu(cls: number, ins: number, data: Iterable<number> = []): Uint8Array {
  const body = Uint8Array.from(data);
  const header = body.length < 0xff ? [cls, ins, body.length] : [cls, ins, 0xff, body.length & 0xff, body.length >>> 8];
  const out = new Uint8Array(header.length + body.length);
  out.set(header, 0);
  out.set(body, header.length);
  return out;
}

export function decodeApdu(bytes: Uint8Array): Apdu | null {
  if (bytes.length < 3) return null;
  let length = bytes[2]!;
  let start = 3;
  if (length === 0xff) {
    if (bytes.length < 5) return null;
    length = bytes[3]! | (bytes[4]! << 8);
    start = 5;
  }
  if (bytes.length !== start + length) return null;
  return { cls: bytes[0]!, ins: bytes[1]!, data: bytes.subarray(start) };
}

export const commandName = (apdu: Pick<Apdu, 'cls' | 'ins'>): string => `${hex(apdu.cls)} ${hex(apdu.ins)}`;
export const hex = (b: number): string => b.toString(16).padStart(2, '0').toUpperCase();

/** Packed BCD, most significant digit first, left-padded with zeros to `bytes` bytes. */
export function toBcd(value: number | string, bytes: number): number[] {
  const digits = String(value).padStart(bytes * 2, '0');
  if (!/^\d+$/.test(digits) || digits.length > bytes * 2)
    throw new RangeError(`${value} does not fit in ${bytes} BCD bytes`);
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) out.push((Number(digits[i * 2]) << 4) | Number(digits[i * 2 + 1]));
  return out;
}

export const fromBcd = (bytes: Iterable<number>): string =>
  Array.from(bytes, (b) => ((b >> 4) & 0x0f).toString(16) + (b & 0x0f).toString(16))
    .join('')
    .toUpperCase();

/** LLVAR / LLLVAR length prefix: each digit as F0–F9. */
export const varLength = (length: number, digits: 2 | 3): number[] =>
  String(length)
    .padStart(digits, '0')
    .split('')
    .map((d) => 0xf0 | Number(d));

type BmpFormat = { fixed: number } | { var: 2 | 3 } | 'tlv';

/** Lengths of the BMPs a terminal sends us (ZVT spec, "Bitmaps"; ecrterm's table agrees). */
const BMP_FORMATS: Record<number, BmpFormat> = {
  0x01: { fixed: 1 },
  0x02: { fixed: 1 },
  0x03: { fixed: 1 },
  0x04: { fixed: 6 },
  0x05: { fixed: 1 },
  0x06: 'tlv',
  0x0b: { fixed: 3 },
  0x0c: { fixed: 3 },
  0x0d: { fixed: 2 },
  0x0e: { fixed: 2 },
  0x17: { fixed: 2 },
  0x19: { fixed: 1 },
  0x22: { var: 2 },
  0x23: { var: 2 },
  0x24: { var: 3 },
  0x27: { fixed: 1 },
  0x29: { fixed: 4 },
  0x2a: { fixed: 15 },
  0x2d: { var: 2 },
  0x2e: { var: 3 },
  0x37: { fixed: 3 },
  0x3a: { fixed: 2 },
  0x3b: { fixed: 8 },
  0x3c: { var: 3 },
  0x3d: { fixed: 3 },
  0x49: { fixed: 2 },
  0x60: { var: 3 },
  0x87: { fixed: 2 },
  0x88: { fixed: 3 },
  0x8a: { fixed: 1 },
  0x8b: { var: 2 },
  0x8c: { fixed: 1 },
  0x92: { var: 3 },
  0x9a: { var: 3 },
  0xa0: { fixed: 1 },
  0xa7: { var: 2 },
  0xaa: { fixed: 3 },
  0xaf: { var: 3 },
  0xba: { fixed: 5 },
  0xd0: { fixed: 1 },
  0xd1: { var: 2 },
  0xd2: { fixed: 1 },
  0xd3: { fixed: 1 },
  0xe0: { fixed: 1 },
  0xe1: { var: 2 },
  0xe2: { var: 2 },
  0xe3: { var: 2 },
  0xe4: { var: 2 },
  0xe5: { var: 2 },
  0xe6: { var: 2 },
  0xe7: { var: 2 },
  0xe8: { var: 2 },
  0xe9: { fixed: 1 },
  0xea: { fixed: 1 },
  0xeb: { fixed: 8 },
  0xf0: { fixed: 1 },
  0xf1: { var: 2 },
  0xf2: { var: 2 },
  0xf3: { var: 2 },
  0xf4: { var: 2 },
  0xf5: { var: 2 },
  0xf6: { var: 2 },
  0xf7: { var: 2 },
  0xf8: { var: 2 },
  0xf9: { fixed: 1 },
  0xfa: { fixed: 1 },
  0xfb: { fixed: 1 },
  0xfc: { fixed: 1 },
};

export interface ParsedBmps {
  fields: Map<number, Uint8Array>;
  /** Set when an unknown BMP stopped parsing (its length cannot be known): what follows is skipped. */
  stoppedAt?: number;
}

/** BER length as used by ZVT TLV: < 0x80 one byte; 0x81 xx; 0x82 xx xx. */
function berLength(data: Uint8Array, at: number): { length: number; size: number } | null {
  const first = data[at];
  if (first === undefined) return null;
  if (first < 0x80) return { length: first, size: 1 };
  if (first === 0x81 && data[at + 1] !== undefined) return { length: data[at + 1]!, size: 2 };
  if (first === 0x82 && data[at + 2] !== undefined) return { length: (data[at + 1]! << 8) | data[at + 2]!, size: 3 };
  return null;
}

export function parseBmps(data: Uint8Array): ParsedBmps {
  const fields = new Map<number, Uint8Array>();
  let i = 0;
  while (i < data.length) {
    const tag = data[i]!;
    const format = BMP_FORMATS[tag];
    if (!format) return { fields, stoppedAt: tag };
    i += 1;
    let length: number;
    if (format === 'tlv') {
      const ber = berLength(data, i);
      if (!ber) return { fields, stoppedAt: tag };
      i += ber.size;
      length = ber.length;
    } else if ('fixed' in format) length = format.fixed;
    else {
      length = 0;
      for (let d = 0; d < format.var; d++) {
        const b = data[i + d];
        if (b === undefined || (b & 0xf0) !== 0xf0 || (b & 0x0f) > 9) return { fields, stoppedAt: tag };
        length = length * 10 + (b & 0x0f);
      }
      i += format.var;
    }
    if (i + length > data.length) return { fields, stoppedAt: tag };
    fields.set(tag, data.subarray(i, i + length));
    i += length;
  }
  return { fields };
}

export interface Tlv {
  tag: number;
  value: Uint8Array;
  children: Tlv[];
}

/** BER-TLV (tag: one byte, or more when the low five bits are all set; constructed when bit 6 is set). */
export function parseTlv(data: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let i = 0;
  while (i < data.length) {
    let tag = data[i]!;
    const constructed = (tag & 0x20) !== 0;
    i += 1;
    if ((tag & 0x1f) === 0x1f) {
      let next: number | undefined;
      do {
        next = data[i];
        if (next === undefined) return out;
        tag = (tag << 8) | next;
        i += 1;
      } while (next & 0x80);
    }
    const ber = berLength(data, i);
    if (!ber || i + ber.size + ber.length > data.length) return out;
    i += ber.size;
    const value = data.subarray(i, i + ber.length);
    out.push({ tag, value, children: constructed ? parseTlv(value) : [] });
    i += ber.length;
  }
  return out;
}

export function findTlv(items: Tlv[], tag: number): Tlv[] {
  return items.flatMap((item) => [...(item.tag === tag ? [item] : []), ...findTlv(item.children, tag)]);
}

export function berEncode(tag: number, value: Iterable<number>): number[] {
  const bytes = Array.from(value);
  const length =
    bytes.length < 0x80
      ? [bytes.length]
      : bytes.length < 0x100
        ? [0x81, bytes.length]
        : [0x82, bytes.length >> 8, bytes.length & 0xff];
  const tagBytes = tag > 0xff ? [tag >> 8, tag & 0xff] : [tag];
  return [...tagBytes, ...length, ...bytes];
}
