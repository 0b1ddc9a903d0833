/** Report periods in the browser's local time (the office's), sent to the server as UTC instants. */
export type PeriodKind = 'today' | 'week' | 'custom';

export interface Period {
  from: Date;
  to: Date;
}

const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());
const addDays = (date: Date, days: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);

/**
 * The calendar day of an instant as a date field's value ("2026-07-14"), in the browser's time zone
 * (the office's) unless one is named: 00:30 BST on 14 July is 23:30 UTC on the 13th, and is the 14th.
 */
export function toDateInput(date: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The dates in a CSV file's name for a period: its first day and its last included day, as the user
 * picked them ("2026-07-14_2026-07-14" for one day), not the UTC dates of its start and exclusive end.
 */
export function periodFileDate(period: Period, timeZone?: string): string {
  const lastIncludedInstant = new Date(period.to.getTime() - 1);
  return `${toDateInput(period.from, timeZone)}_${toDateInput(lastIncludedInstant, timeZone)}`;
}

function fromDateInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * today: midnight to midnight. week: Monday to next Monday (UK weeks start on Monday).
 * custom: the whole of the "from" day to the whole of the "to" day. Null when the dates are not valid.
 */
export function periodFor(kind: PeriodKind, now: Date, customFrom = '', customTo = ''): Period | null {
  if (kind === 'today') return { from: startOfDay(now), to: addDays(startOfDay(now), 1) };
  if (kind === 'week') {
    const daysSinceMonday = (now.getDay() + 6) % 7;
    const monday = addDays(startOfDay(now), -daysSinceMonday);
    return { from: monday, to: addDays(monday, 7) };
  }
  const from = fromDateInput(customFrom);
  const to = fromDateInput(customTo);
  if (!from || !to || to < from) return null;
  return { from, to: addDays(to, 1) };
}
