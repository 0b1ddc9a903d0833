/**
 * `?from&to` for the feedback and information reports. Each is a day ("2026-11-28", in the site's
 * time zone; `to` includes that whole day) or a UTC instant ("2026-11-28T09:00:00Z"; `to` excluded).
 * Without them: today so far, in the site's time zone.
 */
import { z } from 'zod';
import { HttpError, parseInput } from '../http/errors.js';
import { nextDay, startOfZonedDay, zonedDay } from '../zoned-time.js';

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
      ? startOfZonedDay(nextDay(today), timeZone)
      : dayPattern.test(q.to)
        ? startOfZonedDay(nextDay(q.to), timeZone)
        : new Date(q.to);
  if (to.getTime() <= from.getTime()) throw new HttpError(400, 'invalid-input', '"to": must be after "from".', 'to');
  return { from, to, format: q.format };
}
