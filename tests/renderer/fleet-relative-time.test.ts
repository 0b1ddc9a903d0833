/** "2 minutes ago" on the fleet page: the unit chosen, and time measured by the hub's clock. */
import { describe, expect, it } from 'vitest';
import { elapsedByHubClock, formatRelativeTime, relativeTime } from '../../renderer/fleet/relative-time';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

describe('relativeTime', () => {
  it('takes the largest whole unit that fits', () => {
    expect(relativeTime(3 * second)).toEqual({ value: 0, unit: 'second' });
    expect(relativeTime(42 * second)).toEqual({ value: -42, unit: 'second' });
    expect(relativeTime(119 * second)).toEqual({ value: -1, unit: 'minute' });
    expect(relativeTime(3 * minute)).toEqual({ value: -3, unit: 'minute' });
    expect(relativeTime(59 * minute + 59 * second)).toEqual({ value: -59, unit: 'minute' });
    expect(relativeTime(5 * hour + 10 * minute)).toEqual({ value: -5, unit: 'hour' });
    expect(relativeTime(50 * hour)).toEqual({ value: -2, unit: 'day' });
  });

  it('never says a heartbeat is in the future', () => {
    expect(relativeTime(-30 * second)).toEqual({ value: 0, unit: 'second' });
  });
});

describe('formatRelativeTime', () => {
  it('reads in the page language', () => {
    expect(formatRelativeTime('en', { value: -2, unit: 'minute' })).toBe('2 minutes ago');
    expect(formatRelativeTime('en', { value: -1, unit: 'minute' })).toBe('1 minute ago');
    expect(formatRelativeTime('en', { value: 0, unit: 'second' })).toBe('now');
    expect(formatRelativeTime('pl', { value: -2, unit: 'minute' })).toBe('2 minuty temu');
  });
});

describe('elapsedByHubClock', () => {
  const generatedAt = '2026-12-02T10:00:00.000Z';
  const lastHeartbeat = '2026-12-02T09:58:00.000Z';

  it('measures against the hub’s clock, whatever the browser’s clock says', () => {
    // The browser's clock is an hour off: only the time since the view arrived counts from it.
    const receivedAt = Date.parse('2026-12-02T11:00:00.000Z');
    expect(elapsedByHubClock(lastHeartbeat, generatedAt, receivedAt, receivedAt)).toBe(2 * minute);
    expect(elapsedByHubClock(lastHeartbeat, generatedAt, receivedAt, receivedAt + 30 * second)).toBe(
      2 * minute + 30 * second,
    );
  });

  it('is never negative', () => {
    expect(elapsedByHubClock('2026-12-02T10:00:05.000Z', generatedAt, 0, 0)).toBe(0);
  });
});
