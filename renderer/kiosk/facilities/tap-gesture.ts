/**
 * The facilities gesture: `taps` touches within `withinMs` on the hidden corner. Five quick taps on
 * an empty corner is not something a resident does while using the screen.
 */
export interface TapGesture {
  /** Counts one tap; true when it completes the gesture (the count then starts again). */
  tap(): boolean;
}

export interface TapGestureOptions {
  taps: number;
  withinMs: number;
  now?: () => number;
}

export const facilitiesGesture = { taps: 5, withinMs: 3_000 } as const;

export function createTapGesture({ taps, withinMs, now = Date.now }: TapGestureOptions): TapGesture {
  let recent: number[] = [];
  return {
    tap() {
      const at = now();
      recent = [...recent.filter((earlier) => at - earlier < withinMs), at];
      if (recent.length < taps) return false;
      recent = [];
      return true;
    },
  };
}
