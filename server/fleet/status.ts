/**
 * How facilities see one machine (docs/operations.md "Fleet view"): its status and its problems in
 * words, worked out from its last heartbeat and what the hub knows of it. Pure: the time is passed in.
 *
 * Status, worst first: fault (a device in fault or offline, the hub refused the kiosk, an outbox
 * with refused items) → not-seen (no heartbeat for longer than notSeenAfterSeconds) → warning (a
 * device warning, the clock off, outbox items waiting long, a config older than the hub serves) → ok.
 */
import type { DeviceKind, DeviceState } from '../../contract/devices.js';
import type { FleetMachine, FleetRole, FleetStatus, Heartbeat, OutboxDepth } from '../../contract/fleet.js';

export interface FleetRules {
  notSeenAfterSeconds: number;
  clockOffsetWarnSeconds: number;
  /** Outbox items waiting longer than this make a warning. */
  outboxWaitWarnMinutes: number;
}

export const outboxWaitWarnMinutes = 10;

export interface MachineFacts {
  machineId: string;
  role: FleetRole;
  /** Hub clock minus the machine's at its last contact; null when unknown. */
  clockOffsetMs: number | null;
  /** The config version the hub serves this machine (a kiosk agent's part); null when none. */
  servedConfigVersion: string | null;
  last: { heartbeat: Heartbeat; receivedAt: Date } | null;
  /** The hub itself: its heartbeat is made at read time, so it is never "not seen". */
  alwaysSeen?: boolean;
}

interface Problem {
  severity: Exclude<FleetStatus, 'ok'>;
  /** What is wrong, without counts or durations: a change of key is a change worth telling. */
  key: string;
  sentence: string;
}

export interface MachineAssessment {
  machine: FleetMachine;
  /** Status and problem keys in one string; differs exactly when the status or what is wrong changed. */
  signature: string;
}

const severityOrder: readonly FleetStatus[] = ['fault', 'not-seen', 'warning', 'ok'];
const rank = (status: FleetStatus) => severityOrder.indexOf(status);

const deviceNames: Record<DeviceKind, string> = {
  'ticket-printer': 'Ticket printer',
  'receipt-printer': 'Receipt printer',
  'card-terminal': 'Card terminal',
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "45 seconds", "3 minutes", "2 hours", "3 days": whole units, rounded down. */
export function durationInWords(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 120) return plural(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

function deviceProblem(device: DeviceState, onHub: boolean): Problem | null {
  if (device.health === 'ok') return null;
  const name = onHub && device.kiosk ? `${deviceNames[device.kind]} of ${device.kiosk}` : deviceNames[device.kind];
  const detail =
    device.detail ?? (device.health === 'offline' ? 'Not connected.' : `Reports ${device.reason ?? device.health}.`);
  return {
    severity: device.health === 'warning' ? 'warning' : 'fault',
    key: `device:${device.kiosk ?? ''}:${device.id}:${device.health}:${device.reason ?? ''}`,
    sentence: `${name}: ${detail}`,
  };
}

const outboxLabel = (name: string) => {
  const words = name.replaceAll('-', ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} outbox`;
};

function outboxProblems(outbox: OutboxDepth, hubNowOnMachineClock: number, rules: FleetRules): Problem[] {
  const problems: Problem[] = [];
  if (outbox.refused > 0)
    problems.push({
      severity: 'fault',
      key: `outbox-refused:${outbox.name}`,
      sentence: `${outboxLabel(outbox.name)}: the hub refused ${plural(outbox.refused, 'item')}; they are kept and offered again, check the hub's log for why.`,
    });
  if (outbox.oldestPendingAt !== null) {
    const waitedMs = hubNowOnMachineClock - Date.parse(outbox.oldestPendingAt);
    if (waitedMs > rules.outboxWaitWarnMinutes * 60_000)
      problems.push({
        severity: 'warning',
        key: `outbox-waiting:${outbox.name}`,
        sentence: `${outboxLabel(outbox.name)}: ${plural(outbox.pending, 'item')} not sent yet, the oldest for ${durationInWords(waitedMs)}.`,
      });
  }
  return problems;
}

function clockProblem(offsetMs: number | null, rules: FleetRules): Problem | null {
  if (offsetMs === null || Math.abs(offsetMs) <= rules.clockOffsetWarnSeconds * 1000) return null;
  // The offset is hub minus machine: positive means the machine's clock is behind.
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  return {
    severity: 'warning',
    key: `clock:${offsetMs > 0 ? 'behind' : 'ahead'}`,
    sentence: `Clock ${seconds} s ${offsetMs > 0 ? 'behind' : 'ahead of'} the hub: set the machine's time (NTP).`,
  };
}

function notSeenProblem(facts: MachineFacts, now: Date, rules: FleetRules): Problem | null {
  if (facts.alwaysSeen) return null;
  if (!facts.last)
    return { severity: 'not-seen', key: 'not-seen', sentence: 'No heartbeat received since it joined the hub.' };
  const silentMs = now.getTime() - facts.last.receivedAt.getTime();
  if (silentMs <= rules.notSeenAfterSeconds * 1000) return null;
  return { severity: 'not-seen', key: 'not-seen', sentence: `Not seen for ${durationInWords(silentMs)}.` };
}

function heartbeatProblems(facts: MachineFacts, heartbeat: Heartbeat, now: Date, rules: FleetRules): Problem[] {
  const problems: Problem[] = [];
  if (heartbeat.hub === 'refused')
    problems.push({
      severity: 'fault',
      key: 'hub-refused',
      sentence: 'The hub refused this machine at its last check: enrol it again (npm run fleet -- enrol).',
    });
  for (const device of heartbeat.devices) {
    const problem = deviceProblem(device, facts.role === 'hub');
    if (problem) problems.push(problem);
  }
  const hubNowOnMachineClock = now.getTime() - (facts.clockOffsetMs ?? 0);
  for (const outbox of heartbeat.outboxes) problems.push(...outboxProblems(outbox, hubNowOnMachineClock, rules));
  if (
    facts.servedConfigVersion !== null &&
    heartbeat.configVersion !== null &&
    heartbeat.configVersion !== facts.servedConfigVersion
  )
    problems.push({
      severity: 'warning',
      key: 'config-behind',
      sentence: `Runs config ${heartbeat.configVersion}, not ${facts.servedConfigVersion} that the hub serves: it changes over when the kiosk is next idle.`,
    });
  return problems;
}

export function assessMachine(facts: MachineFacts, now: Date, rules: FleetRules): MachineAssessment {
  const heartbeat = facts.last?.heartbeat ?? null;
  const problems: Problem[] = [
    ...(heartbeat ? heartbeatProblems(facts, heartbeat, now, rules) : []),
    ...[notSeenProblem(facts, now, rules), clockProblem(facts.clockOffsetMs, rules)].filter(
      (problem): problem is Problem => problem !== null,
    ),
  ];
  // Stable sort: the worst first, and within one severity in the order found.
  problems.sort((a, b) => rank(a.severity) - rank(b.severity));
  const status: FleetStatus = problems[0]?.severity ?? 'ok';
  return {
    machine: {
      machineId: facts.machineId,
      role: facts.role,
      status,
      problems: problems.map((problem) => problem.sentence),
      lastHeartbeatAt: facts.last?.receivedAt.toISOString() ?? null,
      clockOffsetMs: facts.clockOffsetMs === null ? null : Math.round(facts.clockOffsetMs),
      heartbeat,
    },
    signature: [status, ...problems.map((problem) => problem.key)].join('|'),
  };
}

/** Faults first, then machines not seen, warnings, the rest; by machine id within each. */
export function fleetOrder(a: FleetMachine, b: FleetMachine): number {
  return rank(a.status) - rank(b.status) || (a.machineId < b.machineId ? -1 : a.machineId > b.machineId ? 1 : 0);
}
