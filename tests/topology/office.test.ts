/**
 * An office on one machine, every part a real process: the hub, and kiosk agents enrolled and joined
 * with the fleet CLI, each driving its own printers and card terminal (simulators on real socat pty
 * pairs, read back here) and reaching the hub through its own TCP proxy (the LAN, which a test can
 * cut). A board client listens on the hub's event socket; a desk client is staff HTTP calls.
 * Power cuts are SIGKILLs. One hub and its agents serve every test; each test leaves them running.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AgentStatus, KioskTicket } from '../../contract/agent.js';
import { DeviceState } from '../../contract/devices.js';
import { MachineList } from '../../contract/machines.js';
import { LoginResponse, QueueEntry, QueueEvent, Ticket, WaitStandardReport } from '../../contract/queue.js';
import { pageText } from '../../hardware/sim/escpos-interpreter.js';
import { credentialFilePath } from '../../server/machines/credential-file.js';
import {
  advanceTestClock,
  freePort,
  startHub,
  startKioskAgentProcess,
  type HubProcess,
} from '../support/hub-process.js';
import { messageText } from '../support/websocket-text.js';
import { enrolKiosk, joinHub, runCli } from '../support/office-cli.js';
import { startKioskRig, tempFolder, until, writeSiteConfig, type KioskRig } from './office-processes.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const quiet = { LOG_LEVEL: 'warn' };
const staff = { username: 'lead', password: 'lead-password-1' };

interface Kiosk {
  id: string;
  dataDir: string;
  proxy: TcpProxy;
  agent: HubProcess;
  rig: KioskRig | null;
}

let root = '';
let configFile = '';
let hubDir = '';
let hubPort = 0;
let hub: HubProcess;
const kiosks = new Map<string, Kiosk>();
const rigs: KioskRig[] = [];
const extraProcesses: HubProcess[] = [];
let board: WebSocket | null = null;
const boardEvents: QueueEvent[] = [];

const kiosk = (id: string): Kiosk => {
  const found = kiosks.get(id);
  if (!found) throw new Error(`no kiosk ${id} in this office`);
  return found;
};
const rigOf = (id: string): KioskRig => {
  const rig = kiosk(id).rig;
  if (!rig) throw new Error(`${id} has no devices`);
  return rig;
};

async function http(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The desk client signs in (after a hub restart too). */
async function staffToken(): Promise<string> {
  const login = await http(hub.url, 'POST', '/api/auth/login', staff);
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  return LoginResponse.parse(login.body).token;
}

async function hubQueue(): Promise<QueueEntry[]> {
  const answer = await http(hub.url, 'GET', '/api/queue', undefined, await staffToken());
  expect(answer.status).toBe(200);
  return z.array(QueueEntry).parse(answer.body);
}

/** A resident's tap on the kiosk screen: the agent's POST /api/tickets. */
async function tap(kioskId: string): Promise<KioskTicket> {
  const answer = await http(kiosk(kioskId).agent.url, 'POST', '/api/tickets', { service: 'housing', kiosk: kioskId });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return KioskTicket.parse(answer.body);
}

async function printTicket(kioskId: string, ticketId: string): Promise<unknown> {
  const answer = await http(kiosk(kioskId).agent.url, 'POST', `/api/kiosks/${kioskId}/print-ticket`, { ticketId });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

/** A tap whose ticket comes out of this kiosk's printer, and nobody else's. */
async function tapAndPrint(kioskId: string): Promise<KioskTicket> {
  const ticket = await tap(kioskId);
  expect(await printTicket(kioskId, ticket.id)).toEqual({ printed: true });
  expect(rigOf(kioskId).ticketPrinter.lastText()).toContain(ticket.number);
  return ticket;
}

const everythingPrintedBy = (kioskId: string) => rigOf(kioskId).ticketPrinter.pages().map(pageText).join('\n');

async function agentStatus(kioskId: string): Promise<AgentStatus> {
  return AgentStatus.parse((await http(kiosk(kioskId).agent.url, 'GET', '/api/agent/status')).body);
}

function startAgent(kioskId: string, dataDir: string, proxy: TcpProxy, clockSkewSeconds?: number) {
  return startKioskAgentProcess({
    kioskId,
    dataDir,
    hubUrl: proxy.url,
    env: quiet,
    ...(clockSkewSeconds === undefined ? {} : { clockSkewSeconds }),
  });
}

/** Facilities' steps on the kiosk: join the hub (through the kiosk's LAN) with the code, start its agent. */
async function bringUpKiosk(id: string, code: string, rig: KioskRig | null, clockSkewSeconds?: number) {
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: hubPort });
  const dataDir = join(root, id);
  const joined = await joinHub(proxy.url, id, code, dataDir);
  expect(joined.code, joined.stderr).toBe(0);
  expect(joined.stdout).toContain(`${id} joined ${proxy.url} as a kiosk.`);
  const agent = await startAgent(id, dataDir, proxy, clockSkewSeconds);
  kiosks.set(id, { id, dataDir, proxy, agent, rig });
}

const waitingIds = async () => (await hubQueue()).map((entry) => entry.id);
/** How often each id is in the hub's queue. */
const countsInQueue = (queue: readonly QueueEntry[], ids: readonly string[]) =>
  ids.map((id) => queue.filter((entry) => entry.id === id).length);

beforeAll(async () => {
  root = tempFolder('office-topology-');
  const [a, b] = await Promise.all([startKioskRig('kiosk-a'), startKioskRig('kiosk-b')]);
  rigs.push(a, b);
  configFile = writeSiteConfig(root, [
    { id: 'kiosk-a', name: 'Entrance kiosk', offlineSeries: 'A', devices: a.devices },
    { id: 'kiosk-b', name: 'Payments kiosk', offlineSeries: 'B', devices: b.devices },
    { id: 'kiosk-c', name: 'Upstairs kiosk', offlineSeries: 'C' },
  ]);
  hubDir = join(root, 'hub');
  const added = await runCli(
    ['staff', 'add', staff.username, '--name', 'Lead', '--data', hubDir],
    `${staff.password}\n`,
  );
  expect(added.code, added.stderr).toBe(0);

  // The codes are made on the hub's data folder while the hub starts.
  hubPort = await freePort();
  const [started, codeA, codeB, codeC] = await Promise.all([
    startHub({ configFile, dataDir: hubDir, port: hubPort, env: quiet }),
    enrolKiosk(hubDir, configFile, 'kiosk-a'),
    enrolKiosk(hubDir, configFile, 'kiosk-b'),
    enrolKiosk(hubDir, configFile, 'kiosk-c'),
  ]);
  hub = started;
  await Promise.all([
    bringUpKiosk('kiosk-a', codeA, a),
    bringUpKiosk('kiosk-b', codeB, b),
    // Its clock five minutes slow.
    bringUpKiosk('kiosk-c', codeC, null, -300),
  ]);
  for (const id of kiosks.keys())
    await until(`${id} reaches the hub`, async () => (await agentStatus(id)).hub === 'online');

  const socket = new WebSocket(`${hub.url.replace(/^http/, 'ws')}/api/events`);
  socket.on('message', (data) => {
    const parsed = QueueEvent.safeParse(JSON.parse(messageText(data)));
    if (parsed.success) boardEvents.push(parsed.data);
  });
  await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject));
  board = socket;
}, 120_000);

afterAll(async () => {
  board?.terminate();
  // The hub's and kiosks' folders are under root; the other hubs' are their own.
  const processes = [hub, ...[...kiosks.values()].map((k) => k.agent)];
  await Promise.all([...processes.map((p) => p?.stop({ keepData: true })), ...extraProcesses.map((p) => p.stop())]);
  await Promise.all([...kiosks.values()].map((k) => k.proxy.close()));
  await Promise.all(rigs.map((rig) => rig.stop()));
  if (root) rmSync(root, { recursive: true, force: true });
}, 60_000);

describe('an office of real processes', () => {
  it(
    'tickets from both kiosks share one queue, print on their own kiosk and reach the board and the desk',
    { timeout: 60_000 },
    async () => {
      // Each kiosk's devices are driven by its own agent; the hub opens none of them.
      for (const id of ['kiosk-a', 'kiosk-b']) {
        const states = await until(`${id}'s devices are working`, async () => {
          const list = z.array(DeviceState).parse((await http(kiosk(id).agent.url, 'GET', '/api/devices')).body);
          return list.length === 3 && list.every((d) => d.health === 'ok' && d.kiosk === id) && list;
        });
        expect(states.map((d) => d.kind).sort()).toEqual(['card-terminal', 'receipt-printer', 'ticket-printer']);
      }
      expect((await http(hub.url, 'GET', '/api/devices')).body).toEqual([]);

      const taps = ['kiosk-a', 'kiosk-b', 'kiosk-a', 'kiosk-b'];
      const tickets: KioskTicket[] = [];
      for (const id of taps) tickets.push(await tapAndPrint(id));
      expect(tickets.every((t) => !t.offline && /^H\d{3}$/.test(t.number))).toBe(true);
      expect(new Set(tickets.map((t) => t.number)).size).toBe(4);
      tickets.forEach((ticket, i) => {
        const other = taps[i] === 'kiosk-a' ? 'kiosk-b' : 'kiosk-a';
        expect(ticket.kiosk).toBe(taps[i]);
        expect(everythingPrintedBy(other)).not.toContain(ticket.number);
      });

      const queue = await hubQueue();
      expect(queue.filter((entry) => tickets.some((t) => t.id === entry.id)).map((entry) => entry.kiosk)).toEqual(taps);
      await until('the board has heard of every ticket', () =>
        tickets.every((t) => boardEvents.some((e) => e.type === 'ticket.issued' && e.ticket.id === t.id)),
      );

      const called = await http(hub.url, 'POST', '/api/desks/desk-1/call-next', {}, await staffToken());
      expect(called.status).toBe(200);
      const calledTicket = Ticket.parse(called.body);
      expect(calledTicket.state).toBe('called');
      await until('the board shows the call', () =>
        boardEvents.some((e) => e.type === 'ticket.called' && e.ticket.id === calledTicket.id),
      );
    },
  );

  it(
    'keeps issuing and printing through a hub power cut, then the hub takes each offline ticket once, at its tap time',
    { timeout: 90_000 },
    async () => {
      await hub.kill('SIGKILL');
      const from = new Date();
      const offline: KioskTicket[] = [];
      for (let i = 0; i < 5; i++) {
        offline.push(await tapAndPrint('kiosk-a'));
        offline.push(await tapAndPrint('kiosk-b'));
      }
      expect(offline.every((t) => t.offline && t.position === null && t.estimatedWaitMinutes === null)).toBe(true);
      for (const [id, series] of [
        ['kiosk-a', 'A'],
        ['kiosk-b', 'B'],
      ] as const) {
        const serials = offline
          .filter((t) => t.kiosk === id)
          .map((t) => {
            const match = /^H-([A-Z])(\d{2,4})$/.exec(t.number);
            expect(match?.[1], t.number).toBe(series);
            return Number(match?.[2]);
          });
        expect(serials.map((serial) => serial - (serials[0] ?? 0))).toEqual([0, 1, 2, 3, 4]);
        expect(everythingPrintedBy(id)).toContain('Estimated wait unavailable');
      }
      expect((await agentStatus('kiosk-a')).hub).toBe('offline');

      hub = await startHub({
        configFile,
        dataDir: hubDir,
        port: hubPort,
        env: quiet,
      });
      // Nothing reached the hub before this: it was not listening.
      const listeningAt = new Date();
      const ids = offline.map((t) => t.id);
      const queue = await until('every offline ticket is in the hub queue', async () => {
        const current = await hubQueue();
        return ids.every((id) => current.some((entry) => entry.id === id)) && current;
      });
      await until(
        'both kiosks have handed over every offline ticket',
        async () =>
          (await agentStatus('kiosk-a')).offlineTicketsWaiting === 0 &&
          (await agentStatus('kiosk-b')).offlineTicketsWaiting === 0,
      );
      const settled = await hubQueue();
      expect(countsInQueue(settled, ids)).toEqual(ids.map(() => 1));
      expect(new Set(settled.map((entry) => entry.number)).size).toBe(settled.length);
      expect(queue.length).toBe(settled.length);
      // Each joins at its tap time (the clocks here are in step), not at the time the hub came back
      // seconds later. The hub corrects by the clock offset it measures at delivery, which includes
      // the delivery's own latency: a few milliseconds later than the tap, never a second.
      const inQueue = settled.filter((entry) => ids.includes(entry.id));
      for (const entry of inQueue) {
        const tapped = Date.parse(offline.find((t) => t.id === entry.id)?.issuedAt ?? '');
        expect(Date.parse(entry.issuedAt) - tapped).toBeGreaterThanOrEqual(0);
        expect(Date.parse(entry.issuedAt) - tapped).toBeLessThan(1000);
      }
      // In issue order: the queue by issue time, and each kiosk's tickets in the order they were tapped.
      const issuedTimes = inQueue.map((entry) => entry.issuedAt);
      expect(issuedTimes).toEqual([...issuedTimes].sort());
      for (const id of ['kiosk-a', 'kiosk-b'])
        expect(inQueue.filter((entry) => entry.kiosk === id).map((entry) => entry.number)).toEqual(
          offline.filter((t) => t.kiosk === id).map((t) => t.number),
        );

      // The report over the time the hub was away counts all ten: they are in it by their kiosk times.
      const period = new URLSearchParams({ from: from.toISOString(), to: listeningAt.toISOString() });
      const report = await http(
        hub.url,
        'GET',
        `/api/reports/wait-standard?${period.toString()}`,
        undefined,
        await staffToken(),
      );
      expect(report.status).toBe(200);
      const standard = WaitStandardReport.parse(report.body);
      expect(standard).toMatchObject({ tickets: 10, pending: 10, breaches: 0 });
      expect(standard.byService.find((s) => s.key === 'housing')?.tickets).toBe(10);
    },
  );

  it(
    'a LAN cut with the hub alive: kiosks issue offline, and each ticket reaches the hub once the LAN is back',
    {
      timeout: 60_000,
    },
    async () => {
      const before = await waitingIds();
      await Promise.all([kiosk('kiosk-a').proxy.cut(), kiosk('kiosk-b').proxy.cut()]);
      const offline: KioskTicket[] = [];
      for (let i = 0; i < 2; i++) {
        offline.push(await tapAndPrint('kiosk-a'));
        offline.push(await tapAndPrint('kiosk-b'));
      }
      for (const ticket of offline)
        expect(ticket.number).toMatch(ticket.kiosk === 'kiosk-a' ? /^H-A\d{2}$/ : /^H-B\d{2}$/);
      expect(offline.every((t) => t.offline)).toBe(true);
      expect(await waitingIds()).toEqual(before);

      await Promise.all([kiosk('kiosk-a').proxy.restore(), kiosk('kiosk-b').proxy.restore()]);
      const ids = offline.map((t) => t.id);
      await until('the offline tickets are in the hub queue', async () => {
        const queue = await hubQueue();
        return ids.every((id) => queue.some((entry) => entry.id === id));
      });
      await until('both kiosks have handed them over', async () => {
        const [a, b] = await Promise.all([agentStatus('kiosk-a'), agentStatus('kiosk-b')]);
        return a.hub === 'online' && b.hub === 'online' && a.offlineTicketsWaiting + b.offlineTicketsWaiting === 0;
      });
      const queue = await hubQueue();
      expect(countsInQueue(queue, ids)).toEqual([1, 1, 1, 1]);
      // They join after every ticket already waiting: they were issued later.
      expect(queue.slice(0, before.length).map((entry) => entry.id)).toEqual(before);
      expect(
        queue
          .slice(before.length)
          .map((entry) => entry.id)
          .sort(),
      ).toEqual([...ids].sort());
    },
  );

  it(
    "corrects a slow kiosk clock: the offline ticket's issue time is the real tap time, and the fleet view flags the kiosk",
    { timeout: 60_000 },
    async () => {
      const slow = kiosk('kiosk-c');
      const measured = await agentStatus('kiosk-c');
      expect(measured.clockOffsetMs).toBeGreaterThan(295_000);
      expect(measured.clockOffsetMs).toBeLessThan(305_000);

      await slow.proxy.cut();
      const tappedFrom = Date.now();
      const ticket = await tap('kiosk-c');
      const tappedTo = Date.now();
      expect(ticket.offline).toBe(true);
      expect(ticket.number).toMatch(/^H-C\d{2}$/);
      // What the kiosk's own clock said: five minutes behind.
      expect(Date.parse(ticket.issuedAt)).toBeLessThan(tappedFrom - 290_000);

      await slow.proxy.restore();
      const entry = await until('the slow kiosk’s ticket is in the hub queue', async () =>
        (await hubQueue()).find((e) => e.id === ticket.id),
      );
      expect(Date.parse(entry.issuedAt)).toBeGreaterThanOrEqual(tappedFrom - 2000);
      expect(Date.parse(entry.issuedAt)).toBeLessThanOrEqual(tappedTo + 2000);

      const listed = await runCli(['fleet', 'list', '--config', configFile, '--data', hubDir]);
      expect(listed.code, listed.stderr).toBe(0);
      const row = listed.stdout.split('\n').find((line) => line.startsWith('kiosk-c '));
      expect(row).toMatch(/\b(29\d|30\d) s behind \(over 30 s: set its clock\)/);
      const machines = MachineList.parse(
        (await http(hub.url, 'GET', '/api/machines', undefined, await staffToken())).body,
      );
      const flagged = machines.machines.filter((m) => m.clockOffsetOverBound).map((m) => m.machineId);
      expect(flagged).toEqual(['kiosk-c']);
    },
  );

  it(
    'a kiosk agent killed mid-print: its ticket is at the hub once, and after a restart it reprints the same ticket',
    { timeout: 60_000 },
    async () => {
      const b = kiosk('kiosk-b');
      const printer = rigOf('kiosk-b').ticketPrinter;
      const ticket = await tap('kiosk-b');
      const queued = await hubQueue();
      expect(countsInQueue(queued, [ticket.id])).toEqual([1]);

      // The printer takes the job in and then says nothing more (as if it hung mid-job): the print is in progress.
      let jobArrived = false;
      printer.onReceive((chunk) => {
        if (!jobArrived && chunk.length > 16) {
          jobArrived = true;
          printer.setSilent(true);
        }
      });
      const printing = printTicket('kiosk-b', ticket.id).then(
        (answer) => ({ answered: true, answer }),
        () => ({ answered: false, answer: null }),
      );
      await until('the print job reaches the printer', () => jobArrived);
      await b.agent.kill('SIGKILL');
      expect((await printing).answered).toBe(false);
      expect(printer.lastText()).not.toContain(ticket.number);

      printer.setSilent(false);
      b.agent = await startAgent('kiosk-b', b.dataDir, b.proxy);
      await until('the restarted agent reaches the hub', async () => (await agentStatus('kiosk-b')).hub === 'online');
      await until('its ticket printer works again', async () => {
        const list = z.array(DeviceState).parse((await http(b.agent.url, 'GET', '/api/devices')).body);
        return list.some((d) => d.kind === 'ticket-printer' && d.health === 'ok');
      });
      expect(await printTicket('kiosk-b', ticket.id)).toEqual({ printed: true });
      expect(printer.lastText()).toContain(ticket.number);
      expect(everythingPrintedBy('kiosk-a')).not.toContain(ticket.number);

      expect((await agentStatus('kiosk-b')).offlineTicketsWaiting).toBe(0);
      const after = await hubQueue();
      expect(after.map((entry) => entry.id)).toEqual(queued.map((entry) => entry.id));
    },
  );

  it(
    'bad input: a revoked kiosk, a wrong or expired enrolment code, an agent started as a kiosk it is not',
    { timeout: 90_000 },
    async () => {
      const revokedKiosk = async () => {
        const c = kiosk('kiosk-c');
        const before = await waitingIds();
        const revoked = await http(hub.url, 'POST', '/api/machines/kiosk-c/revoke', {}, await staffToken());
        expect(revoked.status).toBe(200);
        await until('kiosk-c hears it is refused', async () => (await agentStatus('kiosk-c')).hub === 'refused');
        const refused = await http(c.agent.url, 'POST', '/api/tickets', { service: 'housing', kiosk: 'kiosk-c' });
        expect(refused.status).toBe(503);
        expect(JSON.stringify(refused.body)).toContain('The hub no longer accepts this kiosk');
        expect(JSON.stringify(refused.body)).toContain('Ask facilities to enrol it again');
        expect((await agentStatus('kiosk-c')).offlineTicketsWaiting).toBe(0);
        expect(await waitingIds()).toEqual(before);
      };

      // Codes last at least a minute (--expires-minutes 1), so a hub with a test clock (the demo
      // site) is moved two minutes on to make one expire. A wrong code is tried first on the same hub.
      const badCodes = async () => {
        const demoHub = await startHub({ testClock: true, env: quiet });
        extraProcesses.push(demoHub);
        const code = await enrolKiosk(demoHub.dataDir, 'demo', 'kiosk-1', 1);

        const wrongCodeDir = join(root, 'wrong-code');
        const wrong = await joinHub(demoHub.url, 'kiosk-1', `${code}x`, wrongCodeDir);
        expect(wrong.code).toBe(1);
        expect(wrong.stderr).toContain('The hub refused: That is not the enrolment code for kiosk-1');
        expect(existsSync(credentialFilePath(wrongCodeDir))).toBe(false);

        await advanceTestClock(demoHub.url, 120);
        const expiredDir = join(root, 'expired-code');
        const expired = await joinHub(demoHub.url, 'kiosk-1', code, expiredDir);
        expect(expired.code).toBe(1);
        expect(expired.stderr).toContain('The hub refused: The enrolment code for kiosk-1 has expired');
        expect(existsSync(credentialFilePath(expiredDir))).toBe(false);
      };

      // A typo in --kiosk: an id that is neither this machine's nor in the site config.
      const wrongKioskId = async () => {
        const typo = await runCli([
          'kiosk-agent',
          '--kiosk',
          'kiosk-z',
          '--data',
          kiosk('kiosk-a').dataDir,
          '--port',
          '0',
        ]);
        expect(typo.code).toBe(1);
        expect(typo.stderr).toContain(
          'This machine joined the hub as "kiosk-a", not "kiosk-z": start it with --kiosk kiosk-a, or enrol it as kiosk-z and join again.',
        );
      };

      await Promise.all([revokedKiosk().then(wrongKioskId), badCodes()]);
    },
  );
});
