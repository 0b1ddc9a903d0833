import { describe, expect, it } from 'vitest';
import { addDays, startOfZonedDay, zonedDay, zonedHour } from '../../server/zoned-time.js';

describe('days and hours in the site time zone', () => {
  it('finds midnight on the days the clocks change', () => {
    expect(startOfZonedDay('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfZonedDay('2026-03-30', 'Europe/London').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(startOfZonedDay('2026-10-25', 'Europe/London').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(startOfZonedDay('2026-10-26', 'Europe/London').toISOString()).toBe('2026-10-26T00:00:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-02-28', 2)).toBe('2028-03-01');
  });

  it('puts instants either side of local midnight on the right day, also in a zone 45 minutes off the hour', () => {
    expect(zonedDay(new Date('2026-07-14T22:59:59.999Z'), 'Europe/London')).toBe('2026-07-14');
    expect(zonedDay(new Date('2026-07-14T23:00:00.000Z'), 'Europe/London')).toBe('2026-07-15');
    expect(zonedHour(new Date('2026-07-14T23:00:00.000Z'), 'Europe/London')).toBe('00');
    // Kathmandu is UTC+05:45: local midnight is 18:15 UTC.
    expect(zonedDay(new Date('2026-07-14T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2026-07-14');
    expect(zonedHour(new Date('2026-07-14T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('23');
    expect(zonedDay(new Date('2026-07-14T18:15:00.000Z'), 'Asia/Kathmandu')).toBe('2026-07-15');
  });
});
