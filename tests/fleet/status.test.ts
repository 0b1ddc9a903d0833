/** How one machine reads in the fleet view: every status rule, the problems' words and order. */
import { describe, expect, it } from 'vitest';
import type { DeviceState } from '../../contract/devices.js';
import type { FleetMachine, Heartbeat, OutboxDepth } from '../../contract/fleet.js';
import {
  assessMachine,
  durationInWords,
  fleetOrder,
  type FleetRules,
  type MachineFacts,
} from '../../server/fleet/status.js';

const now = new Date('2026-12-01T10:00:00.000Z');
const rules: FleetRules = { notSeenAfterSeconds: 60, clockOffsetWarnSeconds: 30, outboxWaitWarnMinutes: 10 };
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);

const device = (overrides: Partial<DeviceState> = {}): DeviceState => ({
  id: 'ticket-printer',
  kind: 'ticket-printer',
  health: 'ok',
  reason: null,
  detail: null,
  kiosk: 'kiosk-a',
  updatedAt: '2026-12-01T09:59:00.000Z',
  ...overrides,
});

const paperLow = device({
  health: 'warning',
  reason: 'paper-near-end',
  detail: "The ticket printer's paper is running low.",
});
const coverOpen = device({ health: 'fault', reason: 'cover-open', detail: "The ticket printer's cover is open." });

const outbox = (overrides: Partial<OutboxDepth> = {}): OutboxDepth => ({
  name: 'payments',
  pending: 0,
  refused: 0,
  oldestPendingAt: null,
  ...overrides,
});

const heartbeat = (overrides: Partial<Heartbeat> = {}): Heartbeat => ({
  version: '0.1.0',
  uptimeSeconds: 600,
  configVersion: 'abc',
  devices: [device()],
  lastError: null,
  outboxes: [],
  hub: 'online',
  ...overrides,
});

const facts = (overrides: Partial<MachineFacts> = {}, beat: Partial<Heartbeat> = {}): MachineFacts => ({
  machineId: 'kiosk-a',
  role: 'kiosk',
  clockOffsetMs: 0,
  servedConfigVersion: 'abc',
  last: { heartbeat: heartbeat(beat), receivedAt: secondsAgo(5) },
  ...overrides,
});

const assess = (machine: MachineFacts, at = now) => assessMachine(machine, at, rules).machine;

describe('fleet status of a machine', () => {
  it('is ok with no problems when everything is well, and shows the last heartbeat as it came', () => {
    const machine = assess(facts());
    expect(machine).toMatchObject({
      machineId: 'kiosk-a',
      role: 'kiosk',
      status: 'ok',
      problems: [],
      lastHeartbeatAt: '2026-12-01T09:59:55.000Z',
      clockOffsetMs: 0,
    });
    expect(machine.heartbeat?.version).toBe('0.1.0');
  });

  it('is a warning with the device name and its own sentence when the paper runs low', () => {
    const machine = assess(facts({}, { devices: [paperLow] }));
    expect(machine.status).toBe('warning');
    expect(machine.problems).toEqual(["Ticket printer: The ticket printer's paper is running low."]);
  });

  it('is a fault when a device is in fault or offline', () => {
    expect(assess(facts({}, { devices: [coverOpen] }))).toMatchObject({
      status: 'fault',
      problems: ["Ticket printer: The ticket printer's cover is open."],
    });
    const unplugged = device({
      id: 'card-terminal',
      kind: 'card-terminal',
      health: 'offline',
      reason: 'unplugged',
      detail: null,
    });
    expect(assess(facts({}, { devices: [unplugged] }))).toMatchObject({
      status: 'fault',
      problems: ['Card terminal: Not connected.'],
    });
  });

  it('names the kiosk of each device on the hub, which drives the devices of several kiosks', () => {
    const hub = assess(facts({ machineId: 'hub', role: 'hub', alwaysSeen: true }, { devices: [paperLow] }));
    expect(hub.problems).toEqual(["Ticket printer of kiosk-a: The ticket printer's paper is running low."]);
  });

  it('is a fault when the kiosk reports the hub refused it', () => {
    const machine = assess(facts({}, { hub: 'refused' }));
    expect(machine.status).toBe('fault');
    expect(machine.problems[0]).toMatch(/hub refused this machine/);
  });

  it('is a fault when an outbox holds items the hub refused', () => {
    const machine = assess(
      facts({}, { outboxes: [outbox({ pending: 2, refused: 2, oldestPendingAt: '2026-12-01T09:58:00.000Z' })] }),
    );
    expect(machine.status).toBe('fault');
    expect(machine.problems).toEqual([
      "Payments outbox: the hub refused 2 items; they are kept and offered again, check the hub's log for why.",
    ]);
  });

  it('warns of outbox items waiting more than 10 minutes, not of fresher ones', () => {
    const waiting = (minutes: number) =>
      facts(
        {},
        {
          outboxes: [
            outbox({ name: 'offline-tickets', pending: 3, oldestPendingAt: secondsAgo(minutes * 60).toISOString() }),
          ],
        },
      );
    expect(assess(waiting(10)).status).toBe('ok');
    expect(assess(waiting(12))).toMatchObject({
      status: 'warning',
      problems: ['Offline tickets outbox: 3 items not sent yet, the oldest for 12 minutes.'],
    });
  });

  it("measures an outbox's wait on the machine's own clock", () => {
    // The kiosk's clock is 5 minutes behind the hub: its item stamped 09:48 kiosk time is 7 minutes old.
    const behind = facts(
      { clockOffsetMs: 5 * 60_000 },
      { outboxes: [outbox({ pending: 1, oldestPendingAt: '2026-12-01T09:48:00.000Z' })] },
    );
    expect(assess(behind).problems.some((p) => p.startsWith('Payments outbox'))).toBe(false);
  });

  it('warns when the clock is off by more than the bound, saying which way', () => {
    expect(assess(facts({ clockOffsetMs: 30_000 })).status).toBe('ok');
    expect(assess(facts({ clockOffsetMs: 300_400 }))).toMatchObject({
      status: 'warning',
      problems: ["Clock 300 s behind the hub: set the machine's time (NTP)."],
    });
    expect(assess(facts({ clockOffsetMs: -45_000 })).problems).toEqual([
      "Clock 45 s ahead of the hub: set the machine's time (NTP).",
    ]);
  });

  it('warns when the agent runs another config than the hub serves it', () => {
    const machine = assess(facts({ servedConfigVersion: 'def' }));
    expect(machine.status).toBe('warning');
    expect(machine.problems).toEqual([
      'Runs config abc, not def that the hub serves: it changes over when the kiosk is next idle.',
    ]);
    expect(assess(facts({ servedConfigVersion: null })).status).toBe('ok');
  });

  it('is not seen once the last heartbeat is older than notSeenAfterSeconds, and not a moment before', () => {
    const last = facts({ last: { heartbeat: heartbeat(), receivedAt: now } });
    expect(assess(last, new Date(now.getTime() + 60_000)).status).toBe('ok');
    expect(assess(last, new Date(now.getTime() + 60_001))).toMatchObject({
      status: 'not-seen',
      problems: ['Not seen for 60 seconds.'],
    });
    expect(assess(last, new Date(now.getTime() + 3 * 60_000 + 20_000)).problems).toEqual(['Not seen for 3 minutes.']);
  });

  it('is not seen when it never sent a heartbeat', () => {
    expect(assess(facts({ last: null, clockOffsetMs: null }))).toMatchObject({
      status: 'not-seen',
      problems: ['No heartbeat received since it joined the hub.'],
      lastHeartbeatAt: null,
      heartbeat: null,
    });
  });

  it('never counts the hub itself as not seen', () => {
    const hub = facts({
      machineId: 'hub',
      role: 'hub',
      alwaysSeen: true,
      last: { heartbeat: heartbeat(), receivedAt: secondsAgo(3600) },
    });
    expect(assess(hub).status).toBe('ok');
  });

  it('ranks fault over not-seen over warning, and lists the problems worst first', () => {
    const everything = facts({
      clockOffsetMs: 120_000,
      last: { heartbeat: heartbeat({ devices: [paperLow, coverOpen] }), receivedAt: secondsAgo(300) },
    });
    expect(assess(everything)).toMatchObject({
      status: 'fault',
      problems: [
        "Ticket printer: The ticket printer's cover is open.",
        'Not seen for 5 minutes.',
        "Ticket printer: The ticket printer's paper is running low.",
        "Clock 120 s behind the hub: set the machine's time (NTP).",
      ],
    });
    const quietWithWarning = facts({
      clockOffsetMs: 120_000,
      last: { heartbeat: heartbeat(), receivedAt: secondsAgo(300) },
    });
    expect(assess(quietWithWarning).status).toBe('not-seen');
  });

  it('changes its signature when what is wrong changes, not when only a count or a duration does', () => {
    const signature = (machine: MachineFacts, at = now) => assessMachine(machine, at, rules).signature;
    const quiet = facts({ last: { heartbeat: heartbeat(), receivedAt: secondsAgo(120) } });
    expect(signature(quiet)).toBe(signature(quiet, new Date(now.getTime() + 60_000)));
    const waiting = (pending: number) =>
      facts({}, { outboxes: [outbox({ pending, oldestPendingAt: secondsAgo(900).toISOString() })] });
    expect(signature(waiting(1))).toBe(signature(waiting(4)));
    expect(signature(facts())).not.toBe(signature(facts({}, { devices: [paperLow] })));
    expect(signature(facts({}, { devices: [paperLow] }))).not.toBe(signature(facts({}, { devices: [coverOpen] })));
  });
});

describe('fleet order', () => {
  const line = (machineId: string, status: FleetMachine['status']): FleetMachine => ({
    machineId,
    role: 'kiosk',
    status,
    problems: [],
    lastHeartbeatAt: null,
    clockOffsetMs: null,
    heartbeat: null,
  });

  it('puts faults first, then machines not seen, warnings and the rest, by id within each', () => {
    const sorted = [
      line('kiosk-c', 'ok'),
      line('kiosk-b', 'warning'),
      line('hub', 'ok'),
      line('kiosk-d', 'not-seen'),
      line('kiosk-e', 'fault'),
      line('kiosk-a', 'warning'),
    ].sort(fleetOrder);
    expect(sorted.map((m) => `${m.status} ${m.machineId}`)).toEqual([
      'fault kiosk-e',
      'not-seen kiosk-d',
      'warning kiosk-a',
      'warning kiosk-b',
      'ok hub',
      'ok kiosk-c',
    ]);
  });
});

describe('durations in words', () => {
  it('says seconds, minutes, hours, days in whole units', () => {
    expect(durationInWords(1_000)).toBe('1 second');
    expect(durationInWords(119_999)).toBe('119 seconds');
    expect(durationInWords(120_000)).toBe('2 minutes');
    expect(durationInWords(3 * 3_600_000)).toBe('3 hours');
    expect(durationInWords(50 * 3_600_000)).toBe('2 days');
  });
});
