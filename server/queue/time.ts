/** The site's calendar: "today" for numbering and the hour of day for reports, in its time zone. */

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const hourFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = map.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, ...options });
    map.set(timeZone, format);
  }
  return format;
}

/** YYYY-MM-DD of `at` in `timeZone`. */
export function siteDay(at: Date, timeZone: string): string {
  const parts = cached(dayFormats, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "00".."23": the hour of day of `at` on the site's clocks. */
export function siteHour(at: Date, timeZone: string): string {
  const parts = cached(hourFormats, timeZone, { hour: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  return (parts.find((part) => part.type === 'hour')?.value ?? '00').padStart(2, '0');
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

export const secondsBetween = (fromIso: string, toIso: string): number => (Date.parse(toIso) - Date.parse(fromIso)) / 1000;
