/** Report periods in the browser's local time (the office's), sent to the server as UTC instants. */
export type PeriodKind = 'today' | 'week' | 'custom';

export interface Period {
  from: Date;
  to: Date;
}

const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate());
const addDays = (date: Date, days: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);

/** "2026-11-28" in local time, for <input type="date">. */
export function toDateInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
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
