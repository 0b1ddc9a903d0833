/**
 * The fleet: what every machine of an office tells its hub about itself (a heartbeat), and what
 * facilities see of all of them (`/fleet`, `GET /api/fleet`). Device states are the devices'
 * own (contract/devices.ts), so paper-low and cover-open read the same everywhere.
 */
import { z } from 'zod';
import { DeviceState } from './devices.js';
import { MachineId, MachineRole } from './machines.js';
import { IsoUtc } from './queue.js';

export const FleetRole = z.enum(['hub', ...MachineRole.options]);
export type FleetRole = z.infer<typeof FleetRole>;

export const OutboxDepth = z.object({
  name: z.string(),
  pending: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
  oldestPendingAt: IsoUtc.nullable(),
});
export type OutboxDepth = z.infer<typeof OutboxDepth>;

/** POST /api/fleet/heartbeat (an enrolled machine, every 15 s): the machine's own account of itself. */
export const Heartbeat = z.strictObject({
  /** The app's version (package.json), e.g. "0.1.0". */
  version: z.string().min(1).max(40),
  uptimeSeconds: z.number().int().nonnegative(),
  /** The site config part it runs (a kiosk agent); null for machines that run none. */
  configVersion: z.string().max(64).nullable(),
  devices: z.array(DeviceState).max(20),
  /** The last error it logged, in words (no personal or card data). */
  lastError: z.object({ at: IsoUtc, message: z.string().max(300) }).nullable(),
  outboxes: z.array(OutboxDepth).max(10),
  /** A kiosk agent: whether it reached the hub at its last probe before this heartbeat. */
  hub: z.enum(['online', 'offline', 'refused']).nullable(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

export const FleetStatus = z.enum(['fault', 'not-seen', 'warning', 'ok']);
export type FleetStatus = z.infer<typeof FleetStatus>;

/** One machine as facilities see it. `problems` are sentences, the worst first. */
export const FleetMachine = z.object({
  machineId: z.union([MachineId, z.literal('hub')]),
  role: FleetRole,
  status: FleetStatus,
  problems: z.array(z.string()),
  lastHeartbeatAt: IsoUtc.nullable(),
  /** Hub clock minus the machine's, at its last contact. */
  clockOffsetMs: z.number().int().nullable(),
  heartbeat: Heartbeat.nullable(),
});
export type FleetMachine = z.infer<typeof FleetMachine>;

/** GET /api/fleet (facilities): faults first, then machines not seen, warnings, the rest. */
export const FleetView = z.object({
  generatedAt: IsoUtc,
  /** A machine with no heartbeat for longer than this is "not seen". */
  notSeenAfterSeconds: z.number().int().positive(),
  machines: z.array(FleetMachine),
});
export type FleetView = z.infer<typeof FleetView>;

/** Pushed on /api/events when a machine's status or problems change; the fleet screen re-reads. */
export const FleetEvent = z.object({
  type: z.literal('fleet.changed'),
  at: IsoUtc,
  machineId: z.string(),
  status: FleetStatus,
});
export type FleetEvent = z.infer<typeof FleetEvent>;
