import { describe, expect, it } from 'vitest';
import { formatNetSatisfaction } from '../../renderer/reports/feedback/format.js';

describe('net satisfaction on the reports screen', () => {
  it('is signed with two decimals, and a dash when there were no responses', () => {
    expect(formatNetSatisfaction(1)).toBe('+1.00');
    expect(formatNetSatisfaction(-1)).toBe('−1.00');
    expect(formatNetSatisfaction(1 / 3)).toBe('+0.33');
    expect(formatNetSatisfaction(-0.001)).toBe('0.00');
    expect(formatNetSatisfaction(null)).toBe('–');
  });
});
