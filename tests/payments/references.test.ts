import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PaymentsConfig,
  checkReference,
  computeCheckCharacter,
  normaliseReference,
  type ReferenceRule,
} from '../../contract/payments.js';

const councilTax: Pick<ReferenceRule, 'mask' | 'checkDigit'> = { mask: '########', checkDigit: 'mod11' };
const rent: Pick<ReferenceRule, 'mask' | 'checkDigit'> = { mask: '##########', checkDigit: 'luhn' };
const pcn: Pick<ReferenceRule, 'mask' | 'checkDigit'> = { mask: '@@########', checkDigit: 'mod11-alpha' };
const invoice: Pick<ReferenceRule, 'mask' | 'checkDigit'> = { mask: 'INV#######', checkDigit: 'mod10-31' };

describe('council tax: 8 digits, mod-11 check digit', () => {
  // 1234567 → 1×8+2×7+3×6+4×5+5×4+6×3+7×2 = 112; 112 mod 11 = 2; 11−2 = 9.
  it.each(['12345679', '41018729', '00000000', '1234 5679', '12-345-679'])('accepts %s', (reference) => {
    expect(checkReference(councilTax, reference)).toEqual({ ok: true, reference: normaliseReference(reference) });
  });
  it.each([
    ['12345678', 'check-digit'],
    ['21345679', 'check-digit'], // two digits swapped
    ['1234567', 'too-short'],
    ['123456790', 'too-long'],
    ['1234567A', 'wrong-character'],
    ['', 'empty'],
  ])('refuses %s (%s)', (reference, reason) => {
    expect(checkReference(councilTax, reference)).toMatchObject({ ok: false, reason });
  });
  it('treats bodies whose check would be 10 as never issued', () => {
    // 5000123 → 5×8+1×3+2×3... sum gives remainder 1 → check 10: no digit can complete it.
    expect(computeCheckCharacter('mod11', '5000123')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(checkReference(councilTax, `5000123${d}`).ok).toBe(false);
  });
});

describe('housing rent: 10 digits, Luhn', () => {
  it.each(['1234567897', '7001200349', '0000000000'])('accepts %s', (reference) => {
    expect(checkReference(rent, reference).ok).toBe(true);
  });
  it.each([
    ['1234567890', 'check-digit'],
    ['1234567879', 'check-digit'],
    ['123456789', 'too-short'],
    ['12345678970', 'too-long'],
    ['12345 6789X', 'wrong-character'],
  ])('refuses %s (%s)', (reference, reason) => {
    expect(checkReference(rent, reference)).toMatchObject({ ok: false, reason });
  });
  it('agrees with the textbook Luhn example 79927398713', () => {
    expect(computeCheckCharacter('luhn', '7992739871')).toBe('3');
  });
});

describe('parking PCN: 2 letters + 8 digits, mod-11 with letters A=1…Z=26', () => {
  it.each(['CU00123456', 'cu00123456', 'CU 0012 3456'])('accepts %s', (reference) => {
    expect(checkReference(pcn, reference)).toEqual({ ok: true, reference: 'CU00123456' });
  });
  it.each([
    ['CU00123457', 'check-digit'],
    ['CV00123456', 'check-digit'], // one letter wrong
    ['C100123456', 'wrong-character'],
    ['CU0012345', 'too-short'],
    ['1U00123456', 'wrong-character'],
  ])('refuses %s (%s)', (reference, reason) => {
    expect(checkReference(pcn, reference)).toMatchObject({ ok: false, reason });
  });
  it('says which character is wrong and what was expected', () => {
    expect(checkReference(pcn, 'C1')).toEqual({
      ok: false,
      reason: 'wrong-character',
      position: 1,
      expected: 'letter',
    });
  });
});

describe('council invoice: INV + 7 digits, mod-10 weights 3,1', () => {
  it.each(['INV1234565', 'inv1234565', 'INV0047111'])('accepts %s', (reference) => {
    expect(checkReference(invoice, reference).ok).toBe(true);
  });
  it.each([
    ['INV1234566', 'check-digit'],
    ['INX1234565', 'wrong-character'],
    ['1234565', 'wrong-character'],
    ['INV123456', 'too-short'],
  ])('refuses %s (%s)', (reference, reason) => {
    expect(checkReference(invoice, reference)).toMatchObject({ ok: false, reason });
  });
});

describe('checking as the resident types', () => {
  it('lets an unfinished but correct reference through, and stops a wrong key at once', () => {
    expect(checkReference(invoice, 'IN', { partial: true }).ok).toBe(true);
    expect(checkReference(invoice, 'INV12', { partial: true }).ok).toBe(true);
    expect(checkReference(invoice, 'INV1A', { partial: true })).toMatchObject({
      ok: false,
      reason: 'wrong-character',
      position: 4,
      expected: 'digit',
    });
    expect(checkReference(councilTax, '', { partial: true }).ok).toBe(true);
    expect(checkReference(councilTax, '123456789', { partial: true })).toMatchObject({ ok: false, reason: 'too-long' });
    // Complete: the check digit now counts even in partial mode.
    expect(checkReference(councilTax, '12345678', { partial: true })).toMatchObject({
      ok: false,
      reason: 'check-digit',
    });
  });
});

describe('error detection (properties)', () => {
  const digits = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const complete = (algorithm: 'mod11' | 'luhn' | 'mod10-31', body: string) => {
    const check = computeCheckCharacter(algorithm, body);
    return check === null ? null : body + check;
  };
  const rules = [
    ['mod11', councilTax, 7],
    ['luhn', rent, 9],
  ] as const;
  for (const [algorithm, rule, length] of rules) {
    it(`${algorithm} catches every single mistyped digit`, () => {
      fc.assert(
        fc.property(
          digits(length),
          fc.nat({ max: length }),
          fc.integer({ min: 1, max: 9 }),
          (body, position, delta) => {
            const good = complete(algorithm, body);
            fc.pre(good !== null);
            const typo =
              good.slice(0, position) + String((Number(good[position]) + delta) % 10) + good.slice(position + 1);
            expect(checkReference(rule, good).ok).toBe(true);
            expect(checkReference(rule, typo).ok).toBe(false);
          },
        ),
      );
    });
  }
  it('mod11 catches every swap of two different neighbouring digits', () => {
    fc.assert(
      fc.property(digits(7), fc.nat({ max: 6 }), (body, position) => {
        const good = complete('mod11', body);
        fc.pre(good !== null && good[position] !== good[position + 1]);
        const swapped = good.slice(0, position) + good[position + 1] + good[position] + good.slice(position + 2);
        expect(checkReference(councilTax, swapped).ok).toBe(false);
      }),
    );
  });
  it('mod10-31 catches every single mistyped digit of an invoice', () => {
    fc.assert(
      fc.property(digits(6), fc.nat({ max: 6 }), fc.integer({ min: 1, max: 9 }), (body, position, delta) => {
        const good = `INV${body}${computeCheckCharacter('mod10-31', `INV${body}`)}`;
        const at = 3 + position;
        const typo = good.slice(0, at) + String((Number(good[at]) + delta) % 10) + good.slice(at + 1);
        expect(checkReference(invoice, good).ok).toBe(true);
        expect(checkReference(invoice, typo).ok).toBe(false);
      }),
    );
  });
});

describe('payments config', () => {
  const type = {
    id: 'council-tax',
    name: 'Council tax',
    reference: { mask: '########', checkDigit: 'mod11', example: '12345679' },
    minPence: 100,
    maxPence: 500000,
    incomeCode: 'CTAX',
  };
  const problems = (config: unknown) => {
    const result = PaymentsConfig.safeParse(config);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('accepts a good config', () => expect(problems({ types: [type] })).toEqual([]));
  it('names the field of an example that fails its own rule', () => {
    expect(problems({ types: [{ ...type, reference: { ...type.reference, example: '12345678' } }] })[0]).toMatch(
      /^types\.0\.reference\.example: .*check-digit/,
    );
  });
  it('names an unknown check-digit algorithm', () => {
    expect(problems({ types: [{ ...type, reference: { ...type.reference, checkDigit: 'mod97' } }] })[0]).toMatch(
      /^types\.0\.reference\.checkDigit/,
    );
  });
  it('names min above max, a fixed amount out of range, a duplicate id and an unknown key', () => {
    expect(problems({ types: [{ ...type, minPence: 900000 }] })[0]).toMatch(/^types\.0\.minPence/);
    expect(problems({ types: [{ ...type, amount: { mode: 'fixed', pence: 50 } }] })[0]).toMatch(
      /^types\.0\.amount\.pence/,
    );
    expect(problems({ types: [type, type] })[0]).toMatch(/^types\.1\.id: .*used twice/);
    expect(problems({ types: [{ ...type, maxPounds: 5 }] })[0]).toMatch(/maxPounds/);
    expect(problems({ types: [] })[0]).toMatch(/^types/);
  });
});
