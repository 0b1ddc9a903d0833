/** The reports page's periods, in the office's local time. */
import { describe, expect, it } from 'vitest';
import { periodFor, toDateInput } from '../../renderer/reports/period';

// Local times (the browser's zone is the office's): 28 November 2026 is a Saturday.
const saturday = new Date(2026, 10, 28, 15, 30);

describe('periodFor', () => {
  it('today runs from midnight to the next midnight', () => {
    expect(periodFor('today', saturday)).toEqual({ from: new Date(2026, 10, 28), to: new Date(2026, 10, 29) });
  });

  it('this week runs from Monday to the next Monday (UK weeks start on Monday)', () => {
    const week = { from: new Date(2026, 10, 23), to: new Date(2026, 10, 30) };
    expect(periodFor('week', saturday)).toEqual(week);
    expect(periodFor('week', new Date(2026, 10, 29, 23, 59))).toEqual(week);
    expect(periodFor('week', new Date(2026, 10, 30, 0, 0))).toEqual({
      from: new Date(2026, 10, 30),
      to: new Date(2026, 11, 7),
    });
  });

  it('a custom range covers the whole of both days chosen', () => {
    expect(periodFor('custom', saturday, '2026-11-02', '2026-11-06')).toEqual({
      from: new Date(2026, 10, 2),
      to: new Date(2026, 10, 7),
    });
    expect(periodFor('custom', saturday, '2026-11-02', '2026-11-02')).toEqual({
      from: new Date(2026, 10, 2),
      to: new Date(2026, 10, 3),
    });
  });

  it('refuses a custom range that ends before it starts, or a date that is not one', () => {
    expect(periodFor('custom', saturday, '2026-11-06', '2026-11-02')).toBeNull();
    expect(periodFor('custom', saturday, '', '2026-11-02')).toBeNull();
    expect(periodFor('custom', saturday, '2/11/2026', '2026-11-06')).toBeNull();
  });
});

describe('toDateInput', () => {
  it('gives the local date as a date field wants it', () => {
    expect(toDateInput(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
