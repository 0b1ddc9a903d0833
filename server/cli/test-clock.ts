/**
 * `hub --demo --test-clock [START]`: for tests that start the hub as a process. The server's time
 * stands still at START (default: the moment it starts) and moves only when a test says so:
 *   POST /api/test-clock {"advanceSeconds": 6}  → {"now": "…"}
 *   GET  /api/test-clock                        → {"now": "…"}
 * A wait standard can then be passed without waiting for it. Only the demo site accepts it, so a
 * real office's clock cannot be frozen or moved by accident.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ManualClock } from '../clock.js';
import { parseInput } from '../http/errors.js';

export const testClockPath = '/api/test-clock';

const MoveClock = z.strictObject({
  advanceSeconds: z
    .number()
    .positive()
    .max(366 * 24 * 3600),
});

/** The clock for `--test-clock START`, or why START is not a time. */
export function testClockStartingAt(start: string | true): ManualClock | { problem: string } {
  if (start === true) return new ManualClock(new Date());
  const at = new Date(start);
  if (Number.isNaN(at.getTime())) return { problem: `--test-clock: "${start}" is not a date and time (ISO 8601).` };
  return new ManualClock(at);
}

export function registerTestClock(app: FastifyInstance, clock: ManualClock): void {
  app.get(testClockPath, async () => ({ now: clock.now().toISOString() }));
  app.post(testClockPath, async (request) => {
    const { advanceSeconds } = parseInput(MoveClock, request.body);
    clock.advance(advanceSeconds * 1000);
    return { now: clock.now().toISOString() };
  });
}
