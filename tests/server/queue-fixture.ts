/** A real queue on a real SQLite file in a temp folder, with a hand-set clock and recorded events. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SiteConfig } from '../../contract/config.js';
import { ManualClock } from '../../server/clock.js';
import type { ServerEvent } from '../../contract/events.js';
import { EventHub } from '../../server/events.js';
import { queueMigrations } from '../../server/queue/migrations.js';
import { Queue } from '../../server/queue/queue.js';
import { ticketReader, type TicketReader } from '../../server/queue/ticket-reader.js';
import { openDatabase, type Db } from '../../server/store/database.js';

export const baseSite = {
  site: { id: 'test-office', name: 'Test Office', councilName: 'Test Council', timeZone: 'Europe/London' },
  waitTargetSeconds: 600,
  services: [
    { id: 'housing', name: 'Housing', prefix: 'H', defaultServiceSeconds: 300 },
    { id: 'council-tax', name: 'Council tax', prefix: 'C', defaultServiceSeconds: 300 },
  ],
  desks: [
    { id: 'desk-1', name: 'Desk 1', services: ['housing', 'council-tax'] },
    { id: 'desk-2', name: 'Desk 2', services: ['housing'] },
  ],
  kiosks: [{ id: 'kiosk-1', name: 'Kiosk 1' }],
};

export interface QueueFixture {
  queue: Queue;
  /** What feedback and reports read of the tickets. */
  tickets: TicketReader;
  clock: ManualClock;
  db: Db;
  config: SiteConfig;
  events: ServerEvent[];
  /** The ticket_events history rows of a ticket. */
  history(id: string): Array<{ type: string; at: string }>;
  close(): void;
}

export function queueFixture(
  overrides: Partial<Record<keyof typeof baseSite | 'ordering' | 'estimate', unknown>> = {},
  start = '2026-11-02T09:00:00.000Z',
): QueueFixture {
  const dir = mkdtempSync(join(tmpdir(), 'queue-test-'));
  const db = openDatabase(join(dir, 'queue.sqlite'), queueMigrations);
  const clock = new ManualClock(new Date(start));
  const config = SiteConfig.parse({ ...baseSite, ...overrides });
  const hub = new EventHub();
  const events: ServerEvent[] = [];
  hub.subscribe((event) => events.push(event));
  const queue = new Queue({ db, clock, config, events: hub });
  return {
    queue,
    tickets: ticketReader(db),
    clock,
    db,
    config,
    events,
    history: (id) =>
      db
        .prepare<[string], { type: string; at: string }>(
          'SELECT type, at FROM ticket_events WHERE ticket_id = ? ORDER BY seq',
        )
        .all(id),
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const eventTypes = (events: ServerEvent[]) => events.map((e) => e.type);
export const minutes = (n: number) => n * 60_000;
