/**
 * Estimated wait from the state of the office, not a fixed number (docs/queue.md "Estimated wait").
 *
 *   wait ≈ (ahead × S + Σ busy remaining) ÷ C
 *
 * ahead: tickets before this one in its service; S: recent mean service time of the service;
 * C: desk capacity for the service — each open desk that serves it counts 1 ÷ (number of services
 * with people waiting that the desk serves), since a shared desk splits its time; busy remaining:
 * for each such desk with a customer, max(0, S − time already spent), shared the same way.
 */

export interface DeskLoad {
  /** Services with someone waiting that this desk serves (including the one estimated), ≥ 1. */
  sharedBetween: number;
  /** Seconds since this desk last called the customer it is serving now; null when free. */
  busyForSeconds: number | null;
}

export interface EstimateInput {
  ahead: number;
  meanServiceSeconds: number;
  desks: readonly DeskLoad[];
}

export function estimateWaitSeconds({ ahead, meanServiceSeconds, desks }: EstimateInput): number {
  let capacity = 0;
  let busyRemaining = 0;
  for (const desk of desks) {
    const share = 1 / Math.max(1, desk.sharedBetween);
    capacity += share;
    if (desk.busyForSeconds !== null) busyRemaining += share * Math.max(0, meanServiceSeconds - desk.busyForSeconds);
  }
  if (capacity === 0) capacity = 1;
  return (ahead * meanServiceSeconds + busyRemaining) / capacity;
}

export const toWholeMinutes = (seconds: number): number => Math.max(0, Math.round(seconds / 60));

/**
 * Recent mean service time, pulled towards the configured default while there are few samples
 * (a shrinkage estimate: `prior` pseudo-samples of the default), so the first completions of the
 * day do not swing the estimate.
 */
export function meanServiceSeconds(samples: readonly number[], defaultSeconds: number, prior = 3): number {
  const sum = samples.reduce((total, s) => total + s, 0);
  return (sum + prior * defaultSeconds) / (samples.length + prior);
}
