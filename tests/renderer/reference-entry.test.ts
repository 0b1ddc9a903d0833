/**
 * Typing a reference on the kiosk keypad (renderer/kiosk/payment/reference-entry.ts) against the
 * contract's mask rules: fixed letters filled in, keys that cannot be right refused with the reason,
 * and the format described for the resident.
 */
import { describe, expect, it } from 'vitest';
import {
  describeMask,
  leadingLiterals,
  typeReferenceKey,
  type KeyResult,
} from '../../renderer/kiosk/payment/reference-entry.js';

/** Presses keys in turn (refused keys leave the text as it was); returns every result. */
function press(mask: string, keys: string[], start = leadingLiterals(mask)): KeyResult[] {
  const results: KeyResult[] = [];
  let text = start;
  for (const key of keys) {
    const result = typeReferenceKey(mask, text, key);
    results.push(result);
    text = result.text;
  }
  return results;
}
const typed = (mask: string, keys: string, start?: string) => press(mask, [...keys], start).at(-1)?.text;

describe('the fixed letters a mask starts with', () => {
  it('are shown already typed', () => {
    expect(leadingLiterals('INV#######')).toBe('INV');
    expect(leadingLiterals('AB12##')).toBe('AB12');
    expect(leadingLiterals('PCN')).toBe('PCN');
  });

  it('are nothing when the mask starts with a digit or a letter to type', () => {
    expect(leadingLiterals('########')).toBe('');
    expect(leadingLiterals('@@########')).toBe('');
    expect(leadingLiterals('#INV')).toBe('');
  });
});

describe('typing a reference key by key', () => {
  it('takes digits where the mask has #, and letters where it has @', () => {
    expect(typed('########', '12345679')).toBe('12345679');
    expect(typed('@@########', 'CU00123456')).toBe('CU00123456');
    expect(typed('INV#######', '1234565')).toBe('INV1234565');
  });

  it('refuses a letter where a digit belongs, saying which character and what it must be', () => {
    expect(typeReferenceKey('########', '12', 'A')).toEqual({
      text: '12',
      refused: { ok: false, reason: 'wrong-character', position: 2, expected: 'digit' },
    });
  });

  it('refuses a digit where a letter belongs', () => {
    expect(typeReferenceKey('@@########', '', '1')).toEqual({
      text: '',
      refused: { ok: false, reason: 'wrong-character', position: 0, expected: 'letter' },
    });
  });

  it('refuses a key once the reference is as long as its mask', () => {
    expect(typeReferenceKey('####', '1234', '5')).toEqual({ text: '1234', refused: { ok: false, reason: 'too-long' } });
  });

  it('does not judge the check digit while typing (that is said once it is complete)', () => {
    expect(typeReferenceKey('########', '1234567', '8')).toEqual({ text: '12345678' });
  });

  it('fills in fixed letters that follow a typed key', () => {
    expect(typed('##AB##', '12')).toBe('12AB');
    expect(typed('##AB##', '1234')).toBe('12AB34');
  });

  it('refuses a wrong character where the mask wants a fixed one', () => {
    expect(typeReferenceKey('##AB##', '12A', 'C')).toEqual({
      text: '12A',
      refused: { ok: false, reason: 'wrong-character', position: 3, expected: 'B' },
    });
  });
});

describe('deleting and clearing', () => {
  it('deletes the last typed key', () => {
    expect(typeReferenceKey('########', '1234', 'back')).toEqual({ text: '123' });
    expect(typeReferenceKey('########', '', 'back')).toEqual({ text: '' });
  });

  it('never deletes the fixed letters a mask starts with', () => {
    expect(typeReferenceKey('INV#######', 'INV1', 'back')).toEqual({ text: 'INV' });
    expect(typeReferenceKey('INV#######', 'INV', 'back')).toEqual({ text: 'INV' });
  });

  it('clears back to the fixed letters', () => {
    expect(typeReferenceKey('INV#######', 'INV12345', 'clear')).toEqual({ text: 'INV' });
    expect(typeReferenceKey('########', '12345', 'clear')).toEqual({ text: '' });
  });

  it('deletes the last typed key with the fixed letters filled in after it', () => {
    expect(typeReferenceKey('##AB##', '12AB3', 'back')).toEqual({ text: '12AB' });
    expect(typeReferenceKey('##AB##', '12AB', 'back')).toEqual({ text: '1' });
  });

  it('leaves the text ready for the next key to type after a delete', () => {
    const [afterDelete] = press('##AB##', ['back'], '12AB');
    expect(typeReferenceKey('##AB##', afterDelete?.text ?? '', '7')).toEqual({ text: '17AB' });
  });
});

describe('describing the format', () => {
  it('counts digits and letters in runs', () => {
    expect(describeMask('########')).toEqual([{ kind: 'digits', count: 8 }]);
    expect(describeMask('@@########')).toEqual([
      { kind: 'letters', count: 2 },
      { kind: 'digits', count: 8 },
    ]);
  });

  it('names fixed letters as written', () => {
    expect(describeMask('INV#######')).toEqual([
      { kind: 'literal', text: 'INV' },
      { kind: 'digits', count: 7 },
    ]);
    expect(describeMask('##AB@#')).toEqual([
      { kind: 'digits', count: 2 },
      { kind: 'literal', text: 'AB' },
      { kind: 'letters', count: 1 },
      { kind: 'digits', count: 1 },
    ]);
  });
});
