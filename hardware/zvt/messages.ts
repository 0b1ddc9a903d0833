/**
 * The ZVT messages we use (ZVT spec, "ECR-Commands" and "PT-Commands"), built and read byte for byte.
 * Card data: of the PAN (BMP 22) only the last four digits are kept; expiry and track data are never
 * read; frame logs go through `describeApdu`, which names sensitive fields without their values.
 */
import { encodeApdu, findTlv, fromBcd, hex, parseBmps, parseTlv, toBcd, type Apdu } from './apdu.js';
import { decodeCp858 } from '../text/cp858.js';
import type { TerminalPrompt } from '../types.js';

/**
 * Registration config byte: 0x02 ECR prints payment receipts, 0x04 ECR prints administration
 * receipts, 0x08 PT sends intermediate status, 0x10 amount entry on the PT not allowed,
 * 0x20 administration from the PT not allowed.
 */
export const REGISTRATION_CONFIG = 0x3e;

export const positiveAck = (): Uint8Array => encodeApdu(0x80, 0x00);
export const registration = (password: string, currencyCode: number): Uint8Array =>
  encodeApdu(0x06, 0x00, [...toBcd(password, 3), REGISTRATION_CONFIG, ...toBcd(currencyCode, 2)]);
export const authorisation = (amountPence: number, currencyCode: number): Uint8Array => {
  if (!Number.isInteger(amountPence) || amountPence <= 0 || amountPence > 999_999_999_999)
    throw new RangeError(`amount ${amountPence} pence is not a valid authorisation amount`);
  return encodeApdu(0x06, 0x01, [0x04, ...toBcd(amountPence, 6), 0x49, ...toBcd(currencyCode, 2)]);
};
export const endOfDay = (password: string): Uint8Array => encodeApdu(0x06, 0x50, toBcd(password, 3));
/** Sent by the ECR instead of the ACK to an intermediate status: asks the PT to stop. */
export const abortRequest = (): Uint8Array => encodeApdu(0x06, 0xb0);

export const is = (apdu: Apdu, cls: number, ins: number): boolean => apdu.cls === cls && apdu.ins === ins;
export const isPositiveAck = (apdu: Apdu): boolean => is(apdu, 0x80, 0x00);
export const isNegativeAck = (apdu: Apdu): boolean => apdu.cls === 0x84;

const INTERMEDIATE_TEXT: Record<number, string> = {
  0x00: 'Waiting for amount confirmation',
  0x01: 'Please watch the PIN pad',
  0x02: 'Please watch the PIN pad',
  0x03: 'Not accepted',
  0x04: 'Waiting for the bank',
  0x05: 'Sending auto-reversal',
  0x06: 'Sending post-bookings',
  0x07: 'Card not accepted',
  0x08: 'Card unknown',
  0x09: 'Card expired',
  0x0a: 'Insert card',
  0x0b: 'Please remove card',
  0x0c: 'Card not readable',
  0x0d: 'Processing error',
  0x0e: 'Please wait',
  0x0f: 'Automatic end of day',
  0x10: 'Invalid card',
  0x12: 'System malfunction',
  0x13: 'Payment not possible',
  0x14: 'Credit not sufficient',
  0x15: 'Incorrect PIN',
  0x16: 'Limit not sufficient',
  0x17: 'Please wait',
  0x18: 'PIN try limit exceeded',
  0x19: 'Card data incorrect',
  0x1d: 'Declined',
  0x4b: 'Please remove card',
  0xd2: 'Connecting',
  0xd3: 'Connected',
  0xe0: 'Choose the application',
  0xe1: 'Choose the language',
};

/** 04 FF: status byte → the neutral prompt the kiosk shows in the resident's language. */
export function intermediateStatus(apdu: Apdu): { prompt: TerminalPrompt; text: string; code: number } {
  const code = apdu.data[0] ?? 0xff;
  const text = INTERMEDIATE_TEXT[code] ?? `Terminal status ${hex(code)}`;
  let prompt: TerminalPrompt = 'other';
  if (code === 0x0a) prompt = 'insert-card';
  else if (code === 0x01 || code === 0x02) prompt = 'enter-pin';
  else if (code === 0x0b || (code >= 0x41 && code <= 0x67)) prompt = 'remove-card';
  else if (code === 0x0e || code === 0x17) prompt = 'please-wait';
  else if (code === 0x04 || code === 0x05 || code === 0x06 || code === 0xd2 || code === 0xd3) prompt = 'processing';
  return { prompt, text, code };
}

/** 06 D1: attribute byte, then the line (ZVT text is 7-bit ASCII plus the PC437/858 upper half). */
export function printLine(apdu: Apdu): { text: string; last: boolean } {
  const attribute = apdu.data[0] ?? 0;
  return {
    text: decodeCp858(apdu.data.subarray(1)).replace(/\s+$/, ''),
    last: attribute === 0xff || (attribute & 0x80) !== 0,
  };
}

/** 06 D3: TLV 06 → 25 (print texts) → 07 (one text line each). */
export function printTextBlock(apdu: Apdu): string[] {
  // BMP 06 is ZVT's TLV container although its tag lacks BER's "constructed" bit: open it by hand.
  const items = parseTlv(apdu.data).flatMap((t) => (t.tag === 0x06 ? parseTlv(t.value) : [t]));
  return findTlv(items, 0x07).map((t) => decodeCp858(t.value).replace(/\s+$/, ''));
}

export interface StatusInformation {
  resultCode: number | null;
  amountPence: number | null;
  traceNumber: string | null;
  authCode: string | null;
  terminalId: string | null;
  cardScheme: string | null;
  /** Last four digits of the PAN, or null when the terminal masked them too. */
  lastFour: string | null;
  receiptNumber: string | null;
  /** End of day: individual totals (BMP 60). */
  totals: { scheme: string; count: number; totalPence: number }[] | null;
}

const TOTALS_SCHEMES = ['girocard', 'JCB', 'Mastercard', 'American Express', 'Visa', 'Diners Club', 'Other'];
const CARD_TYPES: Record<number, string> = {
  0x05: 'girocard',
  0x06: 'Mastercard',
  0x08: 'American Express',
  0x0a: 'Visa',
  0x0c: 'Diners Club',
  0x0e: 'JCB',
  0x2e: 'Maestro',
  0x4d: 'V PAY',
};

const ascii = (bytes: Uint8Array | undefined): string | null =>
  bytes ? decodeCp858(bytes).replace(/[\s\0]+$/, '') : null;

/** 04 0F. Reads only what the app may keep; BMP 22 is cut down to its last four digits here. */
export function statusInformation(apdu: Apdu): StatusInformation {
  const { fields } = parseBmps(apdu.data);
  const amount = fields.get(0x04);
  const pan = fields.get(0x22);
  let lastFour: string | null = null;
  if (pan) {
    const digits = fromBcd(pan).replace(/F+$/, '');
    const tail = digits.slice(-4);
    lastFour = /^\d{4}$/.test(tail) ? tail : null;
  }
  const cardName = ascii(fields.get(0x8b));
  const cardType = fields.get(0x8a)?.[0];
  const totalsField = fields.get(0x60);
  let totals: StatusInformation['totals'] = null;
  if (totalsField && totalsField.length >= 4 + 7 * 7) {
    totals = TOTALS_SCHEMES.map((scheme, i) => {
      const at = 4 + i * 7;
      return { scheme, count: totalsField[at]!, totalPence: Number(fromBcd(totalsField.subarray(at + 1, at + 7))) };
    }).filter((t) => t.count > 0);
  }
  return {
    resultCode: fields.get(0x27)?.[0] ?? null,
    amountPence: amount ? Number(fromBcd(amount)) : null,
    traceNumber: fields.has(0x0b) ? fromBcd(fields.get(0x0b)!) : null,
    authCode: ascii(fields.get(0x3b)),
    terminalId: fields.has(0x29) ? fromBcd(fields.get(0x29)!) : null,
    cardScheme: cardName ?? (cardType !== undefined ? (CARD_TYPES[cardType] ?? `card type ${cardType}`) : null),
    lastFour,
    receiptNumber: fields.has(0x87) ? fromBcd(fields.get(0x87)!) : null,
    totals,
  };
}

const RESULT_TEXT: Record<number, string> = {
  0x00: 'Approved',
  0x05: 'Declined by the card issuer',
  0x33: 'Card expired',
  0x37: 'Incorrect PIN',
  0x3d: 'Amount limit exceeded',
  0x64: 'Card not readable',
  0x65: 'Card data not present',
  0x66: 'Processing error',
  0x6c: 'Cancelled (time-out or abort key)',
  0x6f: 'Wrong currency',
  0x78: 'Card expired',
  0x7a: 'Card unknown',
  0x7d: 'Communication error',
  0x83: 'Function not possible',
  0x9a: 'Transfer protocol error',
  0x9c: 'Please wait',
  0xa0: 'Receiver not ready',
  0xa1: 'Remote station does not respond',
  0xa3: 'No connection',
  0xc3: 'Maximum amount exceeded',
  0xc5: 'Payment method not supported',
  0xcc: 'Printer not ready',
  0xff: 'System error',
};
export const resultText = (code: number): string =>
  RESULT_TEXT[code] ??
  (code >= 0x01 && code <= 0x63 ? `Declined by the card issuer (code ${code})` : `Terminal error ${hex(code)}`);

const SENSITIVE_BMPS = new Set([0x0e, 0x22, 0x23, 0x24, 0x2d, 0x2e, 0x3a, 0x92, 0x9a, 0xa7, 0xaf, 0xd1]);

/** For frame logs: the command and its fields, card data replaced by its name. Never a raw dump. */
export function describeApdu(apdu: Apdu): string {
  const name = `${hex(apdu.cls)} ${hex(apdu.ins)}`;
  if (apdu.cls === 0x06 && (apdu.ins === 0xd1 || apdu.ins === 0xd3))
    return `${name} (print data, ${apdu.data.length} bytes)`;
  if (apdu.cls === 0x06 && (apdu.ins === 0x00 || apdu.ins === 0x50))
    return `${name} (password and settings, ${apdu.data.length} bytes)`;
  if (apdu.data.length === 0) return name;
  if (
    !(apdu.cls === 0x04 && apdu.ins === 0x0f) &&
    !(apdu.cls === 0x06 && apdu.ins === 0x01) &&
    !(apdu.cls === 0x06 && apdu.ins === 0x0f)
  ) {
    return `${name} [${Array.from(apdu.data.subarray(0, 8), hex).join(' ')}${apdu.data.length > 8 ? ' …' : ''}]`;
  }
  const { fields, stoppedAt } = parseBmps(apdu.data);
  const parts = [...fields].map(([tag, value]) =>
    SENSITIVE_BMPS.has(tag)
      ? `${hex(tag)}=[redacted]`
      : tag === 0x06
        ? `06=[tlv ${value.length} bytes]`
        : `${hex(tag)}=${Array.from(value, hex).join('')}`,
  );
  if (stoppedAt !== undefined) parts.push(`(rest not shown: unknown field ${hex(stoppedAt)})`);
  return `${name} ${parts.join(' ')}`;
}
