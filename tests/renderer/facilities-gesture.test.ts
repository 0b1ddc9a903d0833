import { describe, expect, it } from 'vitest';
import { createTapGesture, facilitiesGesture } from '../../renderer/kiosk/facilities/tap-gesture';

function gestureAt() {
  let now = 1_000_000;
  const gesture = createTapGesture({ ...facilitiesGesture, now: () => now });
  const tapAfter = (ms: number) => {
    now += ms;
    return gesture.tap();
  };
  return { tapAfter };
}

describe('the facilities gesture', () => {
  it('opens on the fifth tap within three seconds', () => {
    const { tapAfter } = gestureAt();
    expect([0, 500, 500, 500].map(tapAfter)).toEqual([false, false, false, false]);
    expect(tapAfter(500)).toBe(true);
  });

  it('does not open for five taps spread over more than three seconds', () => {
    const { tapAfter } = gestureAt();
    expect([0, 800, 800, 800, 800].map(tapAfter)).toEqual([false, false, false, false, false]);
  });

  it('counts only the taps of the last three seconds', () => {
    const { tapAfter } = gestureAt();
    tapAfter(0);
    tapAfter(100);
    // Both early taps are more than 3 s old by now; four fresh ones are not enough.
    expect([3_500, 100, 100, 100].map(tapAfter)).toEqual([false, false, false, false]);
    expect(tapAfter(100)).toBe(true);
  });

  it('starts counting again after it opens', () => {
    const { tapAfter } = gestureAt();
    [0, 100, 100, 100, 100].map(tapAfter);
    expect([100, 100, 100, 100].map(tapAfter)).toEqual([false, false, false, false]);
    expect(tapAfter(100)).toBe(true);
  });

  it('does not open for fewer than five taps however fast', () => {
    const { tapAfter } = gestureAt();
    expect([0, 10, 10, 10].map(tapAfter)).toEqual([false, false, false, false]);
  });
});
