/** Amounts on the kiosk (renderer/kiosk/payment/money.ts): typed in pounds, kept in pence, shown as money. */
import { describe, expect, it } from 'vitest';
import { amountProblem, formatMoney, parsePounds, typeAmountKey } from '../../renderer/kiosk/payment/money.js';

const type = (text: string, keys: string[]) => keys.reduce(typeAmountKey, text);

describe('formatting pence as money', () => {
  it('shows pounds with a thousands separator and two decimals', () => {
    expect(formatMoney(123_456, 'en')).toBe('£1,234.56');
    expect(formatMoney(123_456, 'en-GB')).toBe('£1,234.56');
    expect(formatMoney(5, 'en')).toBe('£0.05');
    expect(formatMoney(500_000, 'en')).toBe('£5,000.00');
    expect(formatMoney(99_999_999, 'en')).toBe('£999,999.99');
  });

  it("follows the resident's language for separators, always in pounds", () => {
    expect(formatMoney(123_456, 'pl')).toMatch(/^1\s?234,56\s(GBP|£)$/);
    expect(formatMoney(123_456, 'zh-Hans')).toBe('£1,234.56');
  });

  it('falls back to plain pounds and pence for a language Intl does not know', () => {
    expect(formatMoney(123_456, 'not a language')).toBe('£1234.56');
    expect(formatMoney(5, 'not a language')).toBe('£0.05');
  });
});

describe('reading an entered amount', () => {
  it('turns pounds with up to two decimals into pence', () => {
    expect(parsePounds('125.50')).toBe(12_550);
    expect(parsePounds('125.5')).toBe(12_550);
    expect(parsePounds('125.')).toBe(12_500);
    expect(parsePounds('125')).toBe(12_500);
    expect(parsePounds('0.05')).toBe(5);
    expect(parsePounds('0')).toBe(0);
    expect(parsePounds('9999999.99')).toBe(999_999_999);
  });

  it('is not an amount when empty, with more than two decimals or seven digits of pounds, or not a number', () => {
    for (const text of ['', '.', '.5', '1.234', '12345678', '1,000', '-5', '1e3', ' 5', '£5', '1.2.3'])
      expect(parsePounds(text), text).toBeNull();
  });
});

describe('the amount keypad', () => {
  it('types digits and one decimal point, with a 0 before a leading point', () => {
    expect(type('', ['1', '2', '.', '5'])).toBe('12.5');
    expect(type('', ['.', '5'])).toBe('0.5');
    expect(type('12.5', ['.'])).toBe('12.5');
  });

  it('allows at most two decimals and seven digits of pounds', () => {
    expect(type('12.5', ['0', '9'])).toBe('12.50');
    expect(type('', ['1', '2', '3', '4', '5', '6', '7', '8'])).toBe('1234567');
    expect(type('1234567', ['.', '8', '9'])).toBe('1234567.89');
  });

  it('never keeps a leading zero before a digit', () => {
    expect(type('', ['0', '0', '5'])).toBe('5');
    expect(type('', ['0', '.', '0', '5'])).toBe('0.05');
  });

  it('deletes the last character, clears everything, and ignores any other key', () => {
    expect(type('12.50', ['back'])).toBe('12.5');
    expect(type('12.', ['back'])).toBe('12');
    expect(type('', ['back'])).toBe('');
    expect(type('12.50', ['clear'])).toBe('');
    for (const key of ['A', '-', '', '12', 'Enter']) expect(typeAmountKey('12', key), key).toBe('12');
  });
});

describe('an amount within the limits of a payment type', () => {
  const limits = { minPence: 100, maxPence: 500_000 };

  it('asks for an amount when there is none, or it is nothing', () => {
    for (const text of ['', '0', '0.', '0.00', '.']) expect(amountProblem(text, limits), text).toBe('enter');
  });

  it('says when it is below the least or above the most', () => {
    expect(amountProblem('0.99', limits)).toBe('too-little');
    expect(amountProblem('5000.01', limits)).toBe('too-much');
    expect(amountProblem('6000', limits)).toBe('too-much');
  });

  it('takes the least, the most and anything between', () => {
    for (const text of ['1', '1.00', '12.5', '5000', '5000.00']) expect(amountProblem(text, limits), text).toBeNull();
  });
});
