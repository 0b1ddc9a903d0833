/**
 * Payments benchmark, in process on a real SQLite file (WAL, synchronous=FULL):
 *  1. journal cost per card payment: POST /api/payments → pending, authorising, approved (receipt
 *     number), receipt-printed — four transactions each with its outbox item — against an instant
 *     fake terminal and printer, so the figure is the app's own overhead, not the card's;
 *  2. outbox delivery rate: items sent over HTTP to a real office server (/api/payments/ingest on
 *     loopback), each stored idempotently.
 * Prints the figures and writes bench/results/payments.json.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { ManualClock } from '../server/clock.js';
import { httpSender } from '../server/outbox/http-sender.js';
import { Outbox } from '../server/outbox/outbox.js';
import { approved, startHarness } from '../tests/payments/harness.js';
import { quantile, round, writeResults } from './support/stats.js';

const payments = Number(process.env.BENCH_PAYMENTS ?? 300);

// 1. Journal cost per payment.
const kiosk = await startHarness();
kiosk.terminal.script = { steps: [], result: approved(1000), resultAfterMs: 0 };
const latencies: number[] = [];
const started = performance.now();
for (let i = 0; i < payments; i++) {
  const id = randomUUID();
  const t0 = performance.now();
  const response = await kiosk.app.inject({
    method: 'POST',
    url: '/api/payments',
    payload: { id, kiosk: 'kiosk-1', type: 'council-tax', reference: '12345679', amountPence: 1000 },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  await kiosk.service.runner.whenSettled(id);
  // The receipt print is the last step; wait for its commit.
  while (kiosk.service.journal.get(id)?.state !== 'receipt-printed')
    await new Promise((resolve) => setImmediate(resolve));
  latencies.push(performance.now() - t0);
}
const journalSeconds = (performance.now() - started) / 1000;
const outboxItems = kiosk.service.outbox.status().pending;

// 2. Outbox delivery to a real office over HTTP.
const office = await startHarness();
const officeUrl = await office.app.listen({ port: 0, host: '127.0.0.1' });
const sender = new Outbox(kiosk.ctx.db, {
  name: 'bench-delivery',
  send: httpSender({ url: `${officeUrl}/api/payments/ingest` }),
  clock: new ManualClock(new Date()),
  logger: pino({ level: 'silent' }),
  batchSize: 500,
});
const source = kiosk.ctx.db.prepare("SELECT id, kind, payload FROM outbox_items WHERE outbox = 'payments'").all() as {
  id: string;
  kind: string;
  payload: string;
}[];
for (const item of source) sender.enqueue(item.kind, item.id, JSON.parse(item.payload));
const sendStart = performance.now();
let sent = 0;
for (;;) {
  const pass = await sender.flush();
  sent += pass.sent;
  if (pass.sent === 0 || pass.failed > 0) break;
}
const sendSeconds = (performance.now() - sendStart) / 1000;
const officeRows = office.ctx.db.prepare('SELECT COUNT(*) FROM payments_received').pluck().get() as number;

const results = {
  when: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
  journal: {
    payments,
    commitsPerPayment: 4,
    paymentsPerSecond: round(payments / journalSeconds, 2),
    p50Ms: round(quantile(latencies, 0.5), 2),
    p95Ms: round(quantile(latencies, 0.95), 2),
    maxMs: round(Math.max(...latencies), 2),
    outboxItemsQueued: outboxItems,
  },
  outbox: { itemsSent: sent, itemsPerSecond: round(sent / sendSeconds, 2), officePaymentsStored: officeRows },
};
console.log(
  `journal: ${payments} payments, ${results.journal.paymentsPerSecond}/s; per payment p50 ${results.journal.p50Ms} ms, p95 ${results.journal.p95Ms} ms, max ${results.journal.maxMs} ms (4 fsync'd commits each)`,
);
console.log(
  `outbox: ${sent} items over HTTP in ${round(sendSeconds, 2)} s = ${results.outbox.itemsPerSecond} items/s; office holds ${officeRows} payments (one per payment)`,
);
writeResults('payments', results);
await office.dispose();
await kiosk.dispose();
