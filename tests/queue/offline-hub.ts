/**
 * An in-process hub with the queue, reports and machines modules, a real SQLite file in a temp folder
 * and a ManualClock; kiosk agents are enrolled machines speaking to it as the agent does.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { formatOfflineNumber, type OfflineTicket } from '../../contract/agent.js';
import { SiteConfig } from '../../contract/config.js';
import { EnrolResponse, type MachineRole } from '../../contract/machines.js';
import { QueueEvent } from '../../contract/queue.js';
import { createServer, type HubServer } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { createMachinesModule } from '../../server/machines/module.js';
import { MachineRegistry } from '../../server/machines/registry.js';
import { createQueueModule } from '../../server/queue/module.js';
import { createReportsModule } from '../../server/reports/module.js';

export interface Answer {
  status: number;
  body: unknown;
}

export interface OfflineHub {
  server: HubServer;
  clock: ManualClock;
  staffToken: string;
  /** The queue's events published on the event stream, in order. */
  events: QueueEvent[];
  /** Enrols a machine as `npm run fleet -- enrol` and `join` do; answers its Authorization header. */
  join(machineId: string, role: MachineRole): Promise<string>;
  request(method: 'GET' | 'POST', url: string, options?: { body?: object; authorization?: string }): Promise<Answer>;
  /** GET as the signed-in staff user. */
  staffGet(url: string): Promise<Answer>;
  staffPost(url: string, body?: object): Promise<Answer>;
  /** The ticket_events history of a ticket, oldest first. */
  history(ticketId: string): Array<{ type: string; at: string; actor: string | null; detail: unknown }>;
  close(): Promise<void>;
}

/** The demo site with a second kiosk (series B). */
export const twoKioskSite = (): SiteConfig => {
  const demo = demoSiteConfig();
  return SiteConfig.parse({
    ...demo,
    kiosks: [...demo.kiosks, { id: 'kiosk-2', name: 'Lift kiosk', offers: ['tickets'] }],
  });
};

export async function startOfflineHub(start = '2026-07-14T09:00:00.000Z'): Promise<OfflineHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'offline-hub-test-'));
  const clock = new ManualClock(new Date(start));
  const machines = createMachinesModule();
  const queue = createQueueModule({ machines });
  const server = await createServer({
    config: twoKioskSite(),
    dataDir,
    clock,
    modules: [queue, createReportsModule({ tickets: queue.tickets }), machines],
    logger: pino({ level: 'silent' }),
    rendererDir: join(dataDir, 'no-renderer'),
  });
  await server.app.ready();
  const events: QueueEvent[] = [];
  server.ctx.events.subscribe((event) => {
    const parsed = QueueEvent.safeParse(event);
    if (parsed.success) events.push(parsed.data);
  });
  await server.staff.upsert('officer', 'officer-password', 'Officer');
  const login = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'officer', password: 'officer-password' },
  });
  const staffToken = login.json<{ token: string }>().token;
  const registry = new MachineRegistry(server.ctx.db, clock);

  const request: OfflineHub['request'] = async (method, url, { body, authorization } = {}) => {
    const response = await server.app.inject({
      method,
      url,
      headers: authorization ? { authorization } : {},
      ...(body === undefined ? {} : { payload: body }),
    });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };

  return {
    server,
    clock,
    staffToken,
    events,
    async join(machineId, role) {
      const made = await registry.newCode(machineId, role, 30);
      if (!made.ok) throw new Error(`${machineId} is enrolled as a ${made.enrolledAs}`);
      const answer = await request('POST', '/api/machines/enrol', { body: { machineId, code: made.code } });
      if (answer.status !== 200) throw new Error(`enrolling ${machineId}: ${JSON.stringify(answer.body)}`);
      return `Machine ${EnrolResponse.parse(answer.body).credential}`;
    },
    request,
    staffGet: (url) => request('GET', url, { authorization: `Bearer ${staffToken}` }),
    staffPost: (url, body) => request('POST', url, { authorization: `Bearer ${staffToken}`, body: body ?? {} }),
    history: (ticketId) =>
      server.ctx.db
        .prepare<[string], { type: string; at: string; actor: string | null; detail: string | null }>(
          'SELECT type, at, actor, detail FROM ticket_events WHERE ticket_id = ? ORDER BY seq',
        )
        .all(ticketId)
        .map((row) => ({ ...row, detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown) })),
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An offline ticket as the kiosk agent sends it: housing, series A, serial 1, kiosk clock = `kioskNow`. */
export function offlineTicket(
  overrides: Partial<OfflineTicket> & { issuedAtKiosk: string; kioskNow: string },
): OfflineTicket {
  const series = overrides.series ?? 'A';
  const serial = overrides.serial ?? 1;
  return {
    id: randomUUID(),
    service: 'housing',
    priority: false,
    series,
    serial,
    number: formatOfflineNumber('H', series, serial),
    ...overrides,
  };
}
