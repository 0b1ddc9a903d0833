/** The reports page's periods, in the office's local time. */
import { describe, expect, it } from 'vitest';
import { periodFileDate, periodFor, toDateInput } from '../../renderer/reports/period';

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
    expect(toDateInput(new Date(2026, 0, 5, 0, 0))).toBe('2026-01-05');
  });

  it("gives the office's date in British Summer Time, not the UTC one", () => {
    // 00:30 BST on 14 July is still 13 July in UTC.
    expect(toDateInput(new Date('2026-07-13T23:30:00Z'), 'Europe/London')).toBe('2026-07-14');
    expect(toDateInput(new Date('2026-07-13T22:59:59Z'), 'Europe/London')).toBe('2026-07-13');
    // In winter the office keeps UTC.
    expect(toDateInput(new Date('2026-01-13T23:30:00Z'), 'Europe/London')).toBe('2026-01-13');
  });
});

describe('periodFileDate', () => {
  it('names a day by that day, not by the day its period ends on', () => {
    expect(periodFileDate({ from: new Date(2026, 10, 28), to: new Date(2026, 10, 29) })).toBe('2026-11-28_2026-11-28');
  });

  it('names a week and a custom range by their first and last days', () => {
    expect(periodFileDate({ from: new Date(2026, 10, 23), to: new Date(2026, 10, 30) })).toBe('2026-11-23_2026-11-29');
    expect(periodFileDate({ from: new Date(2026, 10, 2), to: new Date(2026, 10, 7) })).toBe('2026-11-02_2026-11-06');
  });

  it('names 14 July in British Summer Time 14 July, though it starts at 23:00 UTC on the 13th', () => {
    const fourteenthOfJuly = { from: new Date('2026-07-13T23:00:00Z'), to: new Date('2026-07-14T23:00:00Z') };
    expect(periodFileDate(fourteenthOfJuly, 'Europe/London')).toBe('2026-07-14_2026-07-14');
  });

  it('names the week the clocks go back in by its Monday and its Sunday', () => {
    // 25 October 2026 is 25 hours long: BST until 01:00 UTC, then GMT.
    const lastWeekOfSummerTime = {
      from: new Date('2026-10-18T23:00:00Z'),
      to: new Date('2026-10-26T00:00:00Z'),
    };
    expect(periodFileDate(lastWeekOfSummerTime, 'Europe/London')).toBe('2026-10-19_2026-10-25');
  });
});
