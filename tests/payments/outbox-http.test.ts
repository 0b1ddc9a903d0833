/**
 * The outbox's one HTTP sender against a real local HTTP server: which answers deliver, which are
 * retried with backoff, and which are refused (kept, reported, and not holding back the rest).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.js';
import { httpSender } from '../../server/outbox/http-sender.js';
import { DeliveryRefused, Outbox, type OutboxItem } from '../../server/outbox/outbox.js';
import { openDatabase, type Db } from '../../server/store/database.js';

const logger = pino({ level: 'silent' });
const servers: Server[] = [];
const dbs: Db[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-http-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'store.sqlite'), []);
  dbs.push(db);
  return db;
}

interface Received {
  id: string;
  authorization: string | undefined;
  body: unknown;
}

/** A receiver whose answer to each POST is chosen by `answer` from the item id in the body. */
async function receiver(answer: (id: string) => number) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(text) as { id: string };
      received.push({ id: body.id, authorization: request.headers.authorization, body });
      response
        .writeHead(answer(body.id), { 'content-type': 'application/json' })
        .end('{"error":{"code":"invalid-input","message":"not this one"}}');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/ingest`, received, server };
}

const item = (id: string): OutboxItem => ({ id, kind: 'payment', payload: { version: 1 } });

describe('what a receiver answer means (policy: tests/outbox/delivery.test.ts)', () => {
  it('posts the whole item with the bearer token, and answers as above over real HTTP', async () => {
    const statuses = [201, 409, 400, 503, 429, 401, 404];
    const office = await receiver(() => statuses.shift() ?? 500);
    const send = httpSender({ url: office.url, token: () => 'secret' });
    await expect(send(item('a'))).resolves.toBeUndefined();
    await expect(send(item('b'))).rejects.toBeInstanceOf(DeliveryRefused);
    await expect(send(item('c'))).rejects.toThrow(
      new DeliveryRefused('receiver answered 400: {"error":{"code":"invalid-input","message":"not this one"}}'),
    );
    for (const status of [503, 429, 401, 404]) {
      const failure = await send(item('d')).catch((error: unknown) => error);
      expect(failure, String(status)).toBeInstanceOf(Error);
      expect(failure, String(status)).not.toBeInstanceOf(DeliveryRefused);
      expect(String(failure)).toContain(`receiver answered ${status}`);
    }
    expect(office.received[0]).toEqual({ id: 'a', authorization: 'Bearer secret', body: item('a') });

    await new Promise<void>((resolve) => office.server.close(() => resolve()));
    servers.splice(0);
    const unreachable = await send(item('e')).catch((error: unknown) => error);
    expect(unreachable).toBeInstanceOf(Error);
    expect(unreachable).not.toBeInstanceOf(DeliveryRefused);
  });

  it('can post a body made from the item instead (feedback posts the payload itself)', async () => {
    const office = await receiver(() => 200);
    const send = httpSender({ url: office.url, body: (i) => ({ id: i.id, only: 'this' }) });
    await send(item('a'));
    expect(office.received).toEqual([{ id: 'a', authorization: undefined, body: { id: 'a', only: 'this' } }]);
  });
});

describe('an outbox sending over HTTP', () => {
  const timings = { baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 };

  it('keeps a refused item, reports it, lets the later ones through, and offers it again only after the longest delay', async () => {
    const db = freshDb();
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    let officeFixed = false;
    const office = await receiver((id) => (id === 'bad' && !officeFixed ? 400 : 200));
    const outbox = new Outbox(db, { name: 'test', send: httpSender({ url: office.url }), clock, logger, ...timings });
    outbox.enqueue('payment', 'bad', {});
    clock.advance(1);
    outbox.enqueue('payment', 'good', {});

    expect(await outbox.sendDue()).toEqual({ sent: 1, failed: 1 });
    expect(office.received.map((r) => r.id)).toEqual(['bad', 'good']);
    expect(outbox.status()).toMatchObject({ pending: 1, refused: 1, sent: 1 });
    expect(outbox.status().lastError).toContain('receiver answered 400');

    // Not on the backoff schedule: nothing is sent again for most of a minute.
    for (let second = 1; second < 60; second++) {
      clock.advance(1000);
      await outbox.sendDue();
    }
    expect(office.received.map((r) => r.id)).toEqual(['bad', 'good']);

    // The office's config is fixed; at the longest delay the item is offered again and delivered.
    officeFixed = true;
    clock.advance(1000);
    expect(await outbox.sendDue()).toEqual({ sent: 1, failed: 0 });
    expect(office.received.map((r) => r.id)).toEqual(['bad', 'good', 'bad']);
    expect(outbox.status()).toMatchObject({ pending: 0, refused: 0, sent: 2, lastError: null });
  });

  it('stops the pass while the receiver is busy, backs off, then delivers everything', async () => {
    const db = freshDb();
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    let busy = true;
    const office = await receiver(() => (busy ? 503 : 200));
    const outbox = new Outbox(db, { name: 'test', send: httpSender({ url: office.url }), clock, logger, ...timings });
    outbox.enqueue('payment', 'first', {});
    outbox.enqueue('payment', 'second', {});

    expect(await outbox.sendDue()).toEqual({ sent: 0, failed: 1 });
    expect(office.received.map((r) => r.id)).toEqual(['first']);
    expect(outbox.status()).toMatchObject({ pending: 2, refused: 0 });
    expect(outbox.status().lastError).toContain('receiver answered 503');
    clock.advance(500);
    await outbox.sendDue(); // "second" is tried once, and backs off too
    clock.advance(499);
    expect(await outbox.sendDue()).toEqual({ sent: 0, failed: 0 }); // the first retry comes after 1 s
    busy = false;
    clock.advance(1001);
    expect(await outbox.sendDue()).toEqual({ sent: 2, failed: 0 });
    expect(office.received.map((r) => r.id)).toEqual(['first', 'second', 'first', 'second']);
    expect(outbox.status()).toMatchObject({ pending: 0, sent: 2, lastError: null });
  });

  it('clears "refused" when the receiver, asked again, is only unreachable, and keeps the item', async () => {
    const db = freshDb();
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    const office = await receiver(() => 422);
    const outbox = new Outbox(db, { name: 'test', send: httpSender({ url: office.url }), clock, logger, ...timings });
    outbox.enqueue('payment', 'p-1', {});
    await outbox.sendDue();
    expect(outbox.status()).toMatchObject({ pending: 1, refused: 1 });
    await new Promise<void>((resolve) => office.server.close(() => resolve()));
    servers.splice(0);
    await outbox.flush();
    expect(outbox.status()).toMatchObject({ pending: 1, refused: 0 });
  });

  it('adds the refused mark to an outbox table made before it, keeping what waits there', async () => {
    const db = freshDb();
    db.exec(`CREATE TABLE outbox_items (
      outbox TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, last_error TEXT, sent_at TEXT,
      PRIMARY KEY (outbox, id))`);
    db.prepare(
      "INSERT INTO outbox_items (outbox, id, kind, payload, created_at, next_attempt_at) VALUES ('test', 'old', 'payment', '{}', ?, ?)",
    ).run('2026-11-28T08:00:00.000Z', '2026-11-28T08:00:00.000Z');
    const office = await receiver(() => 400);
    const clock = new ManualClock(new Date('2026-11-28T09:00:00Z'));
    const outbox = new Outbox(db, { name: 'test', send: httpSender({ url: office.url }), clock, logger, ...timings });
    await outbox.sendDue();
    expect(office.received.map((r) => r.id)).toEqual(['old']);
    expect(outbox.status()).toMatchObject({ pending: 1, refused: 1 });
  });
});
