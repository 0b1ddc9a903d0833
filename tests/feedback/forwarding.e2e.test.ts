/**
 * End to end, with real processes: a kiosk-only server forwards feedback to the office server through
 * the outbox. The office is unreachable at first; the kiosk is killed (SIGKILL) after acknowledging
 * the responses and restarted; they wait in its SQLite file and arrive once the office starts, each
 * stored once — also when the kiosk sends them all again.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackReport, SubmitFeedbackResponse, type SubmitFeedbackRequest } from '../../contract/feedback.js';
import { databaseFileName } from '../../server/app.js';
import { demoSiteFile } from '../../server/demo/seed.js';
import { freePort, startHub, type HubProcess } from '../support/hub-process.js';

const quiet = { LOG_LEVEL: 'warn' };
const processes: HubProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.stop({ keepData: true });
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  dirs.push(dir);
  return dir;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 40_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface OutboxRow {
  id: string;
  attempts: number;
  sent_at: string | null;
  last_error: string | null;
}

describe('forwarding feedback to the office server', () => {
  it(
    'keeps acknowledged responses through a kiosk crash while the office is unreachable, then delivers each exactly once',
    { timeout: 120_000 },
    async () => {
      const officePort = await freePort();
      const officeUrl = `http://127.0.0.1:${officePort}`;

      // The kiosk's own server: the demo site, told to forward feedback to the (not yet running) office.
      const kioskData = tempDir('kiosk-data');
      const site = JSON.parse(readFileSync(demoSiteFile, 'utf8')) as Record<string, unknown> & {
        feedback?: Record<string, unknown>;
      };
      site.feedback = { ...site.feedback, forwardTo: officeUrl };
      const siteFile = join(tempDir('kiosk-config'), 'site.json');
      writeFileSync(siteFile, JSON.stringify(site));
      const kiosk = await startHub({ configFile: siteFile, dataDir: kioskData, env: quiet });
      processes.push(kiosk);

      const start = Date.now();
      const taps: SubmitFeedbackRequest[] = (['good', 'poor', 'average'] as const).map((rating, i) => ({
        id: randomUUID(),
        rating,
        touchpoint: 'kiosk',
        kiosk: 'kiosk-1',
        // Ten seconds apart: outside the debounce window, so all three count.
        at: new Date(start + i * 10_000).toISOString(),
        ...(rating === 'poor' ? { reason: 'waited-too-long' } : {}),
      }));
      const post = async (base: string, body: SubmitFeedbackRequest) => {
        const response = await fetch(`${base}/api/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: SubmitFeedbackResponse.parse(await response.json()) };
      };
      for (const body of taps) expect((await post(kiosk.url, body)).status).toBe(201);
      // The screen retries one (its answer was lost): still one response.
      expect(await post(kiosk.url, taps[0]!)).toEqual({
        status: 200,
        body: { id: taps[0]!.id, counted: true, repeat: true },
      });

      // The kiosk crashes right after acknowledging them, and comes back on the same data folder.
      await kiosk.kill();
      const restarted = await startHub({ configFile: siteFile, dataDir: kioskData, env: quiet });
      processes.push(restarted);
      expect((await post(restarted.url, taps[1]!)).body).toEqual({ id: taps[1]!.id, counted: true, repeat: true });

      const kioskDb = new Database(join(kioskData, databaseFileName), { readonly: true, fileMustExist: true });
      const outbox = () =>
        kioskDb
          .prepare(
            "SELECT id, attempts, sent_at, last_error FROM outbox_items WHERE outbox = 'feedback' ORDER BY created_at, id",
          )
          .all() as OutboxRow[];
      try {
        // Unreachable: every response is kept, tried, and waiting.
        const failing = await until('a failed attempt', () => {
          const rows = outbox();
          return rows.length === 3 && rows.some((r) => r.attempts > 0 && r.last_error) ? rows : undefined;
        });
        expect(failing.every((r) => r.sent_at === null)).toBe(true);
        expect(failing.map((r) => r.id).sort()).toEqual(taps.map((t) => t.id).sort());

        // The office comes up on the address the kiosk was given.
        const office = await startHub({ port: officePort, dataDir: tempDir('office-data'), env: quiet });
        processes.push(office);
        const login = await fetch(`${office.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'demo', password: 'demo' }),
        });
        const { token } = (await login.json()) as { token: string };
        const officeReport = async () => {
          const response = await fetch(
            `${office.url}/api/reports/feedback?from=${new Date(start - 86_400_000).toISOString()}&to=${new Date(start + 86_400_000).toISOString()}`,
            {
              headers: { authorization: `Bearer ${token}` },
            },
          );
          return FeedbackReport.parse(await response.json());
        };

        await until('all three at the office', () => (outbox().every((r) => r.sent_at !== null) ? true : undefined));
        const delivered = await officeReport();
        expect(delivered).toMatchObject({ all: 3, good: 1, average: 1, poor: 1, netSatisfaction: 0 });
        expect(delivered.reasons.find((r) => r.rating === 'poor' && r.reason === 'waited-too-long')?.count).toBe(1);

        // At least once: the kiosk sends everything again (as after a crash before it marked them sent).
        const writable = new Database(join(kioskData, databaseFileName));
        writable
          .prepare(
            "UPDATE outbox_items SET sent_at = NULL, next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE outbox = 'feedback'",
          )
          .run();
        writable.close();
        const resent = await until('the second delivery', () => {
          const rows = outbox();
          return rows.every((r) => r.sent_at !== null) ? rows : undefined;
        });
        expect(resent.every((r) => r.attempts >= 2)).toBe(true);
        expect(await officeReport()).toMatchObject({ all: 3, notCounted: 0 });
      } finally {
        kioskDb.close();
      }
    },
  );
});
