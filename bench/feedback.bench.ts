/**
 * Feedback benchmark against a real hub process on loopback (demo site, fresh data folder):
 *  1. responses stored per second (POST /api/feedback, 8 concurrent clients) and the latency of one;
 *  2. the time to build the staff report over a year of responses (default 110,000 rows, about
 *     300 a day — a busy office), JSON and CSV, median of 5.
 * Prints the figures and writes bench/results/feedback.json.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startHub as startHubProcess } from '../tests/support/hub-process.js';
import { quantile, round, writeResults } from './support/stats.js';

const postCount = Number(process.env.BENCH_FEEDBACK_POSTS ?? 1000);
const yearRows = Number(process.env.BENCH_FEEDBACK_ROWS ?? 110_000);
const concurrency = 8;
const root = fileURLToPath(new URL('..', import.meta.url));

const startHub = (dataDir: string) => startHubProcess({ dataDir, cwd: root, env: { LOG_LEVEL: 'warn' } });

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const dataDir = mkdtempSync(join(tmpdir(), 'bench-feedback-'));
let hub = await startHub(dataDir);
try {
  const ratings = ['good', 'average', 'poor'] as const;
  const start = Date.now();
  const tap = (i: number) => ({
    id: randomUUID(),
    rating: ratings[i % 3],
    touchpoint: 'kiosk',
    // 40 screens, each tapped every 10 s: outside the debounce window, so every one is counted.
    kiosk: `bench-${i % 40}`,
    at: new Date(start + Math.floor(i / 40) * 10_000).toISOString(),
  });
  for (let i = 0; i < 20; i++) await fetch(`${hub.url}/api/feedback`, json({ ...tap(i), kiosk: 'warm-up' }));

  // 1. Store throughput.
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < postCount) {
        const i = next++;
        const t0 = performance.now();
        const response = await fetch(`${hub.url}/api/feedback`, json(tap(i)));
        await response.text();
        if (response.status !== 201) throw new Error(`POST /api/feedback answered ${response.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const perSecond = postCount / ((performance.now() - started) / 1000);

  // 2. A year of responses, written straight into the table while the hub is stopped.
  await hub.stop({ keepData: true });
  const db = new Database(join(dataDir, 'reception.sqlite'));
  const insert = db.prepare(
    `INSERT INTO feedback_responses (id, site, touchpoint, screen, kiosk, desk, service, ticket, rating, reason, tapped_at, received_at, counted)
     VALUES (?, 'demo-housing-office', ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 1)`,
  );
  const services = ['housing', 'council-tax', 'benefits', 'repairs', 'homelessness'];
  const reasons = {
    good: ['quick-service', 'helpful-staff'],
    average: ['waited-too-long', 'hard-to-use'],
    poor: ['waited-too-long', 'not-sorted'],
  };
  const yearStart = Date.parse('2025-01-01T00:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < yearRows; i++) {
      const rating = ratings[i % 3] as (typeof ratings)[number];
      const at = new Date(yearStart + Math.floor((i / yearRows) * 365 * 86_400_000)).toISOString();
      const desk = i % 2 === 0;
      insert.run(
        randomUUID(),
        desk ? 'desk' : 'kiosk',
        desk ? 'desk:desk-1' : 'kiosk:kiosk-1',
        desk ? null : 'kiosk-1',
        desk ? 'desk-1' : null,
        services[i % 5],
        rating,
        reasons[rating][i % 2],
        at,
        at,
      );
    }
  })();
  db.close();
  hub = await startHub(dataDir);
  const login = await fetch(`${hub.url}/api/auth/login`, json({ username: 'demo', password: 'demo' }));
  const { token } = (await login.json()) as { token: string };
  const timeReport = async (format: 'json' | 'csv') => {
    const times: number[] = [];
    let all = 0;
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      const response = await fetch(`${hub.url}/api/reports/feedback?from=2025-01-01&to=2025-12-31&format=${format}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`report answered ${response.status}: ${text}`);
      if (format === 'json') all = (JSON.parse(text) as { all: number }).all;
      if (i > 0) times.push(performance.now() - t0); // the first is a warm-up
    }
    return { all, median: round(quantile(times, 0.5), 2), max: round(Math.max(...times), 2) };
  };
  const reportJson = await timeReport('json');
  const reportCsv = await timeReport('csv');
  if (reportJson.all !== yearRows) throw new Error(`the year report counted ${reportJson.all}, expected ${yearRows}`);

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    store: {
      responses: postCount,
      concurrency,
      perSecond: round(perSecond, 1),
      latencyMs: { median: round(quantile(latencies, 0.5), 2), p95: round(quantile(latencies, 0.95), 2) },
    },
    yearReport: {
      rows: yearRows,
      jsonMs: { median: reportJson.median, max: reportJson.max },
      csvMs: { median: reportCsv.median, max: reportCsv.max },
    },
  };
  console.log(
    `feedback stored per second: ${results.store.perSecond} (${postCount} responses, ${concurrency} concurrent clients)`,
  );
  console.log(`store latency: median ${results.store.latencyMs.median} ms, p95 ${results.store.latencyMs.p95} ms`);
  console.log(
    `report over a year (${yearRows} responses): JSON median ${reportJson.median} ms (max ${reportJson.max}), CSV median ${reportCsv.median} ms (max ${reportCsv.max})`,
  );
  writeResults('feedback', results);
} finally {
  await hub.stop({ keepData: true });
  rmSync(dataDir, { recursive: true, force: true });
}
