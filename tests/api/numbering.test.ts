/**
 * Ticket numbers under many kiosks at once: unique per service per day, never skipped — with many
 * concurrent requests to one server, and with two server processes sharing one SQLite file.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IssuedTicket } from '../../contract/queue.js';
import { call, newDataDir, startHub, type HubProcess } from './hub-process.js';

// Real processes on a shared, busy machine: generous time limits (no speed is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const hubs: HubProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.kill('SIGTERM')));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const services = ['housing', 'council-tax', 'repairs'];

async function burst(urls: string[], count: number): Promise<IssuedTicket[]> {
  const answers = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const body = { service: services[i % services.length], priority: i % 7 === 0 };
      let answer = await call(urls[i % urls.length] as string, 'POST', '/api/tickets', { body });
      // 503 busy = the other process held the lock too long and nothing was written: a kiosk retries.
      for (let attempt = 0; answer.status === 503 && attempt < 5; attempt++)
        answer = await call(urls[i % urls.length] as string, 'POST', '/api/tickets', { body });
      expect(answer.status).toBe(201);
      return IssuedTicket.parse(answer.body);
    }),
  );
  return answers;
}

function expectContiguous(tickets: IssuedTicket[]) {
  for (const service of services) {
    const serials = tickets
      .filter((t) => t.service === service)
      .map((t) => Number(t.number.slice(1)))
      .sort((a, b) => a - b);
    expect(serials, service).toEqual(serials.map((_, i) => i + 1));
  }
  expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
}

describe('ticket numbering under concurrency', () => {
  it('150 simultaneous issues on one server: every number once, none skipped', async () => {
    const hub = await startHub();
    hubs.push(hub);
    dirs.push(hub.dataDir);
    expectContiguous(await burst([hub.url], 150));
  });

  it('two server processes on one SQLite file: every number once, none skipped', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const first = await startHub({ dataDir });
    hubs.push(first);
    const second = await startHub({ dataDir });
    hubs.push(second);
    const tickets = await burst([first.url, second.url], 200);
    expectContiguous(tickets);
    await Promise.all(hubs.splice(0).map((hub) => hub.kill('SIGTERM')));
    // What is stored agrees with what was answered.
    const db = new Database(join(dataDir, 'reception.sqlite'), { readonly: true });
    const stored = db.prepare('SELECT number FROM tickets ORDER BY number').pluck().all() as string[];
    db.close();
    expect(stored).toEqual(tickets.map((t) => t.number).sort());
  });
});
