/**
 * The fleet: every machine's last heartbeat and how facilities see all of them.
 *   POST /api/fleet/heartbeat  Heartbeat → 204   (any enrolled machine, every 15 s)
 *   GET  /api/fleet            FleetView          (staff)
 * The hub is listed too, as machine "hub", its heartbeat made at read time. `fleet.changed` is
 * published when a machine's status or what is wrong with it changes: on a heartbeat, and by a
 * check every second that notices machines going quiet (docs/operations.md "Fleet view").
 */
import type { preHandlerHookHandler } from 'fastify';
import type { FleetEvent, FleetView, Heartbeat } from '../../contract/fleet.js';
import { Heartbeat as HeartbeatSchema } from '../../contract/fleet.js';
import type { MachineRole } from '../../contract/machines.js';
import { ModuleState, type ServerContext, type ServerModule } from '../context.js';
import { parseInput } from '../http/errors.js';
import { configVersion, kioskConfigPart } from '../machines/kiosk-config-part.js';
import type { MachineReader } from '../machines/reader.js';
import { machineOf } from '../machines/require-machine.js';
import type { OutboxStatus } from '../outbox/outbox.js';
import { appVersion } from './app-version.js';
import { outboxDepth } from './outbox-depth.js';
import { assessMachine, fleetOrder, outboxWaitWarnMinutes, type FleetRules, type MachineAssessment } from './status.js';
import { fleetMigrations, HeartbeatStore } from './store.js';

export interface FleetModuleOptions {
  /** The machines module's guard: who may send a heartbeat. */
  requireMachine: (...roles: MachineRole[]) => preHandlerHookHandler;
  /** The machines module's reader: which machines the fleet lists. */
  machines: MachineReader;
  /** The hub's own outboxes (payments, feedback forwarding), for its own line in the view. */
  hubOutboxes?: () => OutboxStatus[];
  /** How often (real time) the module looks for machines gone quiet; tests call check() instead. */
  checkIntervalMs?: number;
}

export interface FleetModule extends ServerModule {
  /** Works out every machine now and publishes fleet.changed for each that changed (what the timer does). */
  check(): void;
}

interface FleetState {
  ctx: ServerContext;
  store: HeartbeatStore;
  rules: FleetRules;
  startedAt: Date;
  hubConfigVersion: string;
  /** The configs the hub serves its kiosks, by kiosk id (the site config does not change while it runs). */
  servedVersions: Map<string, string>;
  /** What was last told (or found at start) of each machine. */
  signatures: Map<string, string>;
  timer?: NodeJS.Timeout;
}

export function createFleetModule(options: FleetModuleOptions): FleetModule {
  const state = new ModuleState<FleetState>('fleet');

  const hubHeartbeat = (running: FleetState, now: Date): Heartbeat => ({
    version: appVersion(),
    uptimeSeconds: Math.max(0, Math.floor((now.getTime() - running.startedAt.getTime()) / 1000)),
    configVersion: running.hubConfigVersion,
    devices: running.ctx.devices.states().slice(0, 20),
    lastError: null,
    outboxes: (options.hubOutboxes?.() ?? []).slice(0, 10).map(outboxDepth),
    hub: null,
  });

  const assessAll = (running: FleetState, now: Date): MachineAssessment[] => {
    const heartbeats = running.store.lastOfEach();
    const hub = assessMachine(
      {
        machineId: 'hub',
        role: 'hub',
        clockOffsetMs: 0,
        servedConfigVersion: null,
        last: { heartbeat: hubHeartbeat(running, now), receivedAt: now },
        alwaysSeen: true,
      },
      now,
      running.rules,
    );
    const machines = options.machines.enrolled().map((machine) =>
      assessMachine(
        {
          ...machine,
          servedConfigVersion: running.servedVersions.get(machine.machineId) ?? null,
          last: heartbeats.get(machine.machineId) ?? null,
        },
        now,
        running.rules,
      ),
    );
    return [hub, ...machines];
  };

  const tellChanges = (running: FleetState, assessments: MachineAssessment[], now: Date) => {
    for (const { machine, signature } of assessments) {
      if (running.signatures.get(machine.machineId) === signature) continue;
      running.signatures.set(machine.machineId, signature);
      const event: FleetEvent = {
        type: 'fleet.changed',
        at: now.toISOString(),
        machineId: machine.machineId,
        status: machine.status,
      };
      running.ctx.events.publish(event);
    }
  };

  const check = () => {
    const running = state.get();
    const now = running.ctx.clock.now();
    tellChanges(running, assessAll(running, now), now);
  };

  return {
    name: 'fleet',
    migrations: fleetMigrations,
    check,

    register(app, ctx) {
      const servedVersions = new Map<string, string>();
      for (const kiosk of ctx.config.kiosks.filter((k) => k.agent)) {
        const outcome = kioskConfigPart(ctx.config, kiosk.id);
        if (outcome.ok) servedVersions.set(kiosk.id, outcome.part.version);
      }
      const running = state.set({
        ctx,
        store: new HeartbeatStore(ctx.db),
        rules: {
          notSeenAfterSeconds: ctx.config.fleet.notSeenAfterSeconds,
          clockOffsetWarnSeconds: ctx.config.machines.clockOffsetWarnSeconds,
          outboxWaitWarnMinutes,
        },
        startedAt: ctx.clock.now(),
        hubConfigVersion: configVersion(ctx.config),
        servedVersions,
        signatures: new Map(),
      });

      app.post('/api/fleet/heartbeat', { preHandler: options.requireMachine() }, async (request, reply) => {
        const machine = machineOf(request);
        if (!machine) throw new Error('requireMachine did not run before POST /api/fleet/heartbeat.');
        const heartbeat = parseInput(HeartbeatSchema, request.body);
        const now = ctx.clock.now();
        running.store.record(machine.machineId, heartbeat, now);
        // requireMachine let it through, so it is enrolled; its clock offset is what that just recorded.
        const enrolled = options.machines.enrolled().find((m) => m.machineId === machine.machineId);
        if (enrolled)
          tellChanges(
            running,
            [
              assessMachine(
                {
                  ...enrolled,
                  servedConfigVersion: running.servedVersions.get(machine.machineId) ?? null,
                  last: { heartbeat, receivedAt: now },
                },
                now,
                running.rules,
              ),
            ],
            now,
          );
        return reply.code(204).send();
      });

      app.get('/api/fleet', { preHandler: ctx.requireStaff }, async (): Promise<FleetView> => {
        const now = ctx.clock.now();
        return {
          generatedAt: now.toISOString(),
          notSeenAfterSeconds: running.rules.notSeenAfterSeconds,
          machines: assessAll(running, now)
            .map((assessment) => assessment.machine)
            .sort(fleetOrder),
        };
      });
    },

    start(ctx) {
      const running = state.get();
      // What is already so when the hub starts is not a change: only what changes afterwards is told.
      const now = ctx.clock.now();
      for (const { machine, signature } of assessAll(running, now))
        running.signatures.set(machine.machineId, signature);
      running.timer = setInterval(() => {
        try {
          check();
        } catch (error) {
          ctx.logger.error({ err: error }, 'fleet check failed');
        }
      }, options.checkIntervalMs ?? 1000);
      running.timer.unref();
    },

    stop() {
      const running = state.current;
      if (running?.timer) clearInterval(running.timer);
    },
  };
}
