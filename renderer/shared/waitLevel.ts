/** How close a waiting ticket is to the wait standard. Amber from 80 % of the target, red past it. */
export type WaitLevel = 'ok' | 'near' | 'over';

const nearFraction = 0.8;

export function waitLevel(waitedSeconds: number, targetSeconds: number): WaitLevel {
  // "Within target" is wait ≤ target (DESIGN.md), so exactly on the target is still amber.
  if (waitedSeconds > targetSeconds) return 'over';
  if (waitedSeconds >= targetSeconds * nearFraction) return 'near';
  return 'ok';
}

/** "4:05", "1:02:07": minutes and seconds, hours only when needed. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
