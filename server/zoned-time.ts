/**
 * Dates and hours in the site's time zone: the queue's "today" for numbering, report keys and report
 * ranges, the date and time printed on receipts. Stored times stay UTC; only the grouping and the
 * printing use the zone (a tap at 23:30 UTC in summer belongs to the next London day).
 */
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Day and hour keys by quarter hour: every zone's offset changes on a quarter-hour boundary, so all
 * instants in one quarter hour share their day and hour. Intl is slow (a year's report asks ~200,000
 * times); the cache makes it one call per quarter hour that has responses.
 */
const quarterHourMs = 15 * 60_000;
const keyCache = new Map<string, Map<number, ZonedKeys>>();

export interface ZonedKeys {
  /** "YYYY-MM-DD" */
  day: string;
  /** "00".."23" */
  hour: string;
}

/** Day and hour in the zone of the instant given as epoch milliseconds. */
export function zonedKeysAt(epochMs: number, timeZone: string): ZonedKeys {
  let zoneCache = keyCache.get(timeZone);
  if (!zoneCache) keyCache.set(timeZone, (zoneCache = new Map<number, ZonedKeys>()));
  const quarter = Math.floor(epochMs / quarterHourMs);
  let keys = zoneCache.get(quarter);
  if (!keys) {
    const p = zonedParts(new Date(quarter * quarterHourMs), timeZone);
    keys = { day: `${p.year}-${pad(p.month)}-${pad(p.day)}`, hour: pad(p.hour) };
    if (zoneCache.size > 200_000) zoneCache.clear();
    zoneCache.set(quarter, keys);
  }
  return keys;
}

const zonedKeys = (instant: Date, timeZone: string) => zonedKeysAt(instant.getTime(), timeZone);

/** "YYYY-MM-DD" of the instant in the zone. */
export function zonedDay(instant: Date, timeZone: string): string {
  return zonedKeys(instant, timeZone).day;
}

/** "00".."23" of the instant in the zone. */
export function zonedHour(instant: Date, timeZone: string): string {
  return zonedKeys(instant, timeZone).hour;
}

/** The UTC instant of 00:00 on `day` ("YYYY-MM-DD") in the zone. */
export function startOfZonedDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Guess midnight UTC, then correct by the zone's offset at that moment (twice, for DST edges).
  let guess = Date.UTC(y, m - 1, d);
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += Date.UTC(y, m - 1, d) - asUtc;
  }
  return new Date(guess);
}

/** The day `days` after `day` (before it when negative), as "YYYY-MM-DD". */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const shifted = new Date(0);
  shifted.setUTCFullYear(y, m - 1, d + days);
  return `${String(shifted.getUTCFullYear()).padStart(4, '0')}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** "DD/MM/YYYY HH:MM:SS" of the instant (UTC ISO) on the site's clocks, as printed on receipts. */
export function formatLocalDateTime(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** True when the runtime knows this IANA zone name. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}
