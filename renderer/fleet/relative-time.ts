/**
 * "2 minutes ago" for a machine's last heartbeat. The heartbeat time is the hub's clock, so the
 * elapsed time is measured against the view's `generatedAt` (also the hub's) plus how long this
 * page has held the view: a desk PC whose clock is off still says the right thing.
 */
export type RelativeUnit = 'second' | 'minute' | 'hour' | 'day';

export interface RelativeTime {
  /** Negative: in the past, as Intl.RelativeTimeFormat expects. */
  value: number;
  unit: RelativeUnit;
}

/** Milliseconds from `atIso` to now, by the hub's clock. Never negative. */
export function elapsedByHubClock(atIso: string, generatedAtIso: string, receivedAtMs: number, nowMs: number): number {
  const atGeneration = Date.parse(generatedAtIso) - Date.parse(atIso);
  const sinceReceived = Math.max(0, nowMs - receivedAtMs);
  return Math.max(0, atGeneration + sinceReceived);
}

/** The largest whole unit that fits: under 10 s is "now", then seconds, minutes, hours, days. */
export function relativeTime(elapsedMs: number): RelativeTime {
  const seconds = Math.floor(Math.max(0, elapsedMs) / 1000);
  if (seconds < 10) return { value: 0, unit: 'second' };
  if (seconds < 60) return { value: -seconds, unit: 'second' };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { value: -minutes, unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { value: -hours, unit: 'hour' };
  return { value: -Math.floor(hours / 24), unit: 'day' };
}

const formatters = new Map<string, Intl.RelativeTimeFormat>();

/** In the page's language: "2 minutes ago", "now", "hace 2 minutos". */
export function formatRelativeTime(language: string, time: RelativeTime): string {
  let formatter = formatters.get(language);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    formatters.set(language, formatter);
  }
  return formatter.format(time.value, time.unit);
}
