/** The staff console's wait colours and durations (shared with the reports page). */
import { describe, expect, it } from 'vitest';
import { formatDuration, waitLevel } from '../../renderer/shared/waitLevel';

describe('waitLevel', () => {
  const target = 20 * 60;

  it('stays plain until 80 % of the wait standard', () => {
    expect(waitLevel(0, target)).toBe('ok');
    expect(waitLevel(16 * 60 - 1, target)).toBe('ok');
  });

  it('turns amber from 80 % of the standard up to the standard itself', () => {
    expect(waitLevel(16 * 60, target)).toBe('near');
    // Seen on the target is still within it (DESIGN.md: wait ≤ target).
    expect(waitLevel(target, target)).toBe('near');
  });

  it('turns red past the standard', () => {
    expect(waitLevel(target + 1, target)).toBe('over');
  });
});

describe('formatDuration', () => {
  it('shows minutes and seconds, hours only when needed', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(245)).toBe('4:05');
    expect(formatDuration(3599)).toBe('59:59');
    expect(formatDuration(3727)).toBe('1:02:07');
  });

  it('counts whole seconds and never shows a negative wait', () => {
    expect(formatDuration(59.9)).toBe('0:59');
    expect(formatDuration(-5)).toBe('0:00');
  });
});
