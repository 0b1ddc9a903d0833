/**
 * `?from&to` for the feedback and information reports. Each is a day ("2026-11-28", in the site's
 * time zone; `to` includes that whole day) or a UTC instant ("2026-11-28T09:00:00Z"; `to` excluded).
 * Without them: today so far, in the site's time zone.
 */
import { z } from 'zod';
import { HttpError, parseInput } from '../http/errors.js';
import { addDays, startOfZonedDay, zonedDay } from '../zoned-time.js';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const DayOrInstant = z.union(
  [
    z
      .string()
      .regex(dayPattern)
      .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`))),
    z.iso.datetime(),
  ],
  {
    error: 'use a date such as 2026-11-28 or a UTC time such as 2026-11-28T09:00:00Z',
  },
);

export const ReportQuery = z.strictObject({
  from: DayOrInstant.optional(),
  to: DayOrInstant.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export interface ReportRange {
  from: Date;
  /** Exclusive. */
  to: Date;
  format: 'json' | 'csv';
}

export function parseReportRange(query: unknown, now: Date, timeZone: string): ReportRange {
  const q = parseInput(ReportQuery, query, 'query');
  const today = zonedDay(now, timeZone);
  const from =
    q.from === undefined
      ? startOfZonedDay(today, timeZone)
      : dayPattern.test(q.from)
        ? startOfZonedDay(q.from, timeZone)
        : new Date(q.from);
  const to =
    q.to === undefined
      ? startOfZonedDay(addDays(today, 1), timeZone)
      : dayPattern.test(q.to)
        ? startOfZonedDay(addDays(q.to, 1), timeZone)
        : new Date(q.to);
  if (to.getTime() <= from.getTime()) throw new HttpError(400, 'invalid-input', '"to": must be after "from".', 'to');
  return { from, to, format: q.format };
}

/** The first and last day of the range in the site's time zone (`to` is exclusive). */
export function localDays(range: Pick<ReportRange, 'from' | 'to'>, timeZone: string): { first: string; last: string } {
  return { first: zonedDay(range.from, timeZone), last: zonedDay(new Date(range.to.getTime() - 1), timeZone) };
}

/**
 * A report download's file name by the site's local days, like the payments export: `feedback-2026-07-14.csv`
 * for one day, `feedback-2026-07-14-to-2026-07-20.csv` for more.
 */
export function reportFilename(prefix: string, range: Pick<ReportRange, 'from' | 'to'>, timeZone: string): string {
  const { first, last } = localDays(range, timeZone);
  return `${prefix}-${first === last ? first : `${first}-to-${last}`}.csv`;
}
