/** Masking of log text: card numbers, PINs and secrets go; what support needs to read stays. */
import { describe, expect, it } from 'vitest';
import {
  holdsCardNumber,
  luhnValid,
  maskedCard,
  maskedSecret,
  maskJson,
  maskLogLine,
  maskText,
} from '../../server/logging/mask.js';

describe('card numbers', () => {
  it.each([
    ['4111 1111 1111 1111'],
    ['4111111111111111'],
    ['4111-1111-1111-1111'],
    ['5500 0000 0000 0004'],
    ['378282246310005'],
    ['6011111111111117'],
    ['4222222222222'],
  ])('masks %s in a sentence', (card) => {
    const masked = maskText(`paid with ${card} at the kiosk`);
    expect(masked).toBe(`paid with ${maskedCard} at the kiosk`);
  });

  it('keeps digit runs that are not card numbers: too short, or failing the Luhn check', () => {
    expect(luhnValid('4111111111111112')).toBe(false);
    for (const text of ['ticket H-042', 'phone 01223 457000', 'ref 4111111111111112', '2026-12-02T09:00:00.000Z'])
      expect(maskText(text)).toBe(text);
  });

  it('masks a longer digit run that hides a card number', () => {
    expect(holdsCardNumber('99994111111111111111')).toBe(true);
    expect(maskText('id 4111 1111 1111 1111 2024')).toBe(`id ${maskedCard}`);
  });
});

describe('JSON log lines', () => {
  const line = (value: unknown) => JSON.parse(maskJson(JSON.stringify(value))) as Record<string, unknown>;

  it('masks a card number that is a bare JSON number, and the line stays valid JSON', () => {
    expect(line({ pan: 4111111111111111, amount: 1250 })).toEqual({ pan: maskedCard, amount: 1250 });
  });

  it('replaces the value under a PIN, password, token or credential key at any depth, whatever its shape', () => {
    const masked = line({
      terminal: { pin: '1234', settings: { password: '246810' } },
      headers: { authorization: 'Bearer abc' },
      machine: { credential: { value: 'x' }, token: ['a', 'b'] },
      PIN_block: 99,
    });
    expect(masked).toEqual({
      terminal: { pin: maskedSecret, settings: { password: maskedSecret } },
      headers: { authorization: maskedSecret },
      machine: { credential: maskedSecret, token: maskedSecret },
      PIN_block: maskedSecret,
    });
  });

  it('replaces an enrolment code under "code" but keeps error codes and HTTP statuses', () => {
    expect(line({ body: { machineId: 'kiosk-1', code: '7KQ3M-XR9TD' } })).toEqual({
      body: { machineId: 'kiosk-1', code: maskedSecret },
    });
    expect(line({ err: { code: 'ECONNREFUSED' }, status: { code: 503 } })).toEqual({
      err: { code: 'ECONNREFUSED' },
      status: { code: 503 },
    });
  });

  it('masks free-text secrets inside messages', () => {
    const masked = line({
      msg: 'retry with Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abcdefghijklmnop pin=4321 password: hunter2hunter2 code 7KQ3M-XR9TD',
    });
    expect(masked.msg).toBe(
      `retry with Authorization: ${maskedSecret} ${maskedSecret} pin=${maskedSecret} password: ${maskedSecret} code ${maskedSecret}`,
    );
    expect(maskText('sent as Machine dGhpcy1pcy1hLW1hY2hpbmUtY3JlZGVudGlhbA')).toBe(`sent as Machine ${maskedSecret}`);
  });

  it('keeps machine ids and sentences that only mention a PIN', () => {
    const text = '{"msg":"Machine kiosk-1 joined; the PIN pad is locked"}';
    expect(maskLogLine(text)).toBe(text);
  });

  it('masks a line that is not JSON as free text', () => {
    expect(maskLogLine('card 4111 1111 1111 1111 { not json')).toBe(`card ${maskedCard} { not json`);
  });
});
