/**
 * Queue benchmark against a real hub process on loopback (demo site, fresh data folder):
 *  1. tickets issued per second (POST /api/tickets, 8 concurrent clients, bounded count) and the
 *     latency of one issue;
 *  2. the time from a staff call (POST …/call-next sent) to the `ticket.called` event arriving on a
 *     WebSocket client — the display board's path.
 * Prints the figures and writes bench/results/queue.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startHub as startHubProcess } from '../tests/support/hub-process.js';
import { messageText } from '../tests/support/websocket-text.js';
import { quantile, round, summary, writeResults } from './support/stats.js';
import WebSocket from 'ws';

const issueCount = Number(process.env.BENCH_ISSUES ?? 600);
const concurrency = 8;
const callCount = Number(process.env.BENCH_CALLS ?? 100);
const root = fileURLToPath(new URL('..', import.meta.url));

const startHub = (dataDir: string) => startHubProcess({ dataDir, cwd: root, env: { LOG_LEVEL: 'warn' } });

async function post(url: string, body?: unknown, token?: string): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-queue-'));
const hub = await startHub(dataDir);
try {
  const services = ['housing', 'council-tax', 'benefits', 'repairs'];
  // Warm-up (JIT, SQLite page cache).
  for (let i = 0; i < 20; i++) await post(`${hub.url}/api/tickets`, { service: 'housing' });

  // 1. Issue throughput.
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < issueCount) {
        const i = next++;
        const t0 = performance.now();
        const answer = await post(`${hub.url}/api/tickets`, { service: services[i % services.length] });
        if (answer.status !== 201) throw new Error(`issue answered ${answer.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  const perSecond = issueCount / elapsedSeconds;

  // 2. Call → event on the board's WebSocket.
  const token = (
    (await post(`${hub.url}/api/auth/login`, { username: 'demo', password: 'demo' })).json as { token: string }
  ).token;
  const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/api/events`);
  await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
  // Arrival time of each called number's event; the event may come before the HTTP answer.
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  socket.on('message', (data) => {
    const at = performance.now();
    const event = JSON.parse(messageText(data)) as { type: string; ticket?: { number: string } };
    if (event.type !== 'ticket.called' || !event.ticket) return;
    arrivals.set(event.ticket.number, at);
    waiters.get(event.ticket.number)?.(at);
  });
  const callLatencies: number[] = [];
  for (let i = 0; i < callCount; i++) {
    const t0 = performance.now();
    const answer = await post(`${hub.url}/api/desks/desk-1/call-next`, undefined, token);
    if (answer.status !== 200) throw new Error(`call-next answered ${answer.status}`);
    const number = (answer.json as { number: string }).number;
    const at = arrivals.get(number) ?? (await new Promise<number>((resolve) => waiters.set(number, resolve)));
    callLatencies.push(at - t0);
  }
  socket.close();

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    issue: {
      tickets: issueCount,
      concurrency,
      ticketsPerSecond: round(perSecond, 1),
      latencyMs: { median: round(quantile(latencies, 0.5), 2), p95: round(quantile(latencies, 0.95), 2) },
    },
    callToBoardEvent: { calls: callCount, latencyMs: summary(callLatencies) },
  };
  console.log(
    `tickets issued per second: ${results.issue.ticketsPerSecond} (${issueCount} tickets, ${concurrency} concurrent clients)`,
  );
  console.log(`issue latency: median ${results.issue.latencyMs.median} ms, p95 ${results.issue.latencyMs.p95} ms`);
  console.log(
    `call → WebSocket event: median ${results.callToBoardEvent.latencyMs.median} ms, p95 ${results.callToBoardEvent.latencyMs.p95} ms (${callCount} calls)`,
  );
  writeResults('queue', results);
} finally {
  await hub.stop({ keepData: true });
  rmSync(dataDir, { recursive: true, force: true });
}
