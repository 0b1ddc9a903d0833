/**
 * When a downloaded update may be installed: only inside the site's maintenance window (local time,
 * e.g. 02:00–05:00, may cross midnight) and only when nobody has touched the machine for a while —
 * a restart must never pull a screen from under a resident or a payment in progress.
 */
export interface MaintenanceWindow {
  /** "HH:MM" local time, inclusive. */
  from: string;
  /** "HH:MM" local time, exclusive. */
  to: string;
  timeZone: string;
}

export const hhmmPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/** Minutes since local midnight of `at` in the zone (DST handled by Intl). */
export function localMinuteOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value);
  return hour * 60 + minute;
}

export function insideWindow(at: Date, window: MaintenanceWindow): boolean {
  const now = localMinuteOfDay(at, window.timeZone);
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  if (from === to) return false;
  return from < to ? now >= from && now < to : now >= from || now < to;
}

export interface InstallCheck {
  at: Date;
  window: MaintenanceWindow;
  /** Seconds since the last touch, key or mouse input (Electron powerMonitor.getSystemIdleTime()). */
  idleSeconds: number;
  minIdleSeconds: number;
  /** A payment is open on this kiosk's terminal (the kiosk agent says): never restart under it. */
  paymentOpen?: boolean;
}

export function mayInstallUpdate(check: InstallCheck): boolean {
  return (
    insideWindow(check.at, check.window) && check.idleSeconds >= check.minIdleSeconds && check.paymentOpen !== true
  );
}
