/**
 * Machines of the office and their credentials:
 *   POST /api/machines/enrol {machineId, code} → {machineId, role, credential}   (public, throttled)
 *   GET  /api/machines/me                                                        (an enrolled machine)
 *   GET  /api/machines/me/config → KioskConfigPart                               (an enrolled kiosk)
 *   GET  /api/machines, POST /api/machines/:id/revoke                            (staff)
 * Codes are made on the hub by `npm run fleet -- enrol` (server/cli/fleet.ts). Other modules take
 * `requireMachine(...roles)` as a creation option in server/modules.ts to guard their routes, and
 * the fleet module takes `reader` (the enrolled machines).
 */
import type { preHandlerHookHandler } from 'fastify';
import type { KioskConfigPart } from '../../contract/agent.js';
import {
  EnrolRequest,
  MachineParams,
  type EnrolResponse,
  type MachineIdentity,
  type MachineList,
  type MachineRole,
  type MachineSummary,
} from '../../contract/machines.js';
import type { Clock } from '../clock.js';
import { ModuleState, type ServerModule } from '../context.js';
import { HttpError, notFound, parseInput } from '../http/errors.js';
import { kioskConfigPart } from './kiosk-config-part.js';
import { machinesMigrations } from './migrations.js';
import { machineReader, type MachineReader } from './reader.js';
import { MachineRegistry } from './registry.js';
import { createRequireMachine, machineOf } from './require-machine.js';
import { machineIdProblem } from './site-rules.js';
import { EnrolmentThrottle } from './throttle.js';

export interface MachinesModule extends ServerModule {
  /** Fastify preHandler: only an enrolled, unrevoked machine of one of these roles (any role when none given). */
  requireMachine: (...roles: MachineRole[]) => preHandlerHookHandler;
  /** The enrolled, unrevoked machines (the fleet view); usable once the server is built. */
  readonly reader: MachineReader;
}

const askForNewCode = (machineId: string) =>
  `ask facilities for a new enrolment code: npm run fleet -- enrol ${machineId}`;

export function createMachinesModule(): MachinesModule {
  const state = new ModuleState<{ registry: MachineRegistry; clock: Clock }>('machines');
  const requireMachine = createRequireMachine(
    () => state.get().registry,
    () => state.get().clock,
  );

  return {
    name: 'machines',
    migrations: machinesMigrations,
    requireMachine,
    reader: machineReader(() => state.get().registry),
    metricSources: { machines: () => state.current?.registry.list() ?? [] },

    register(app, ctx) {
      const { registry } = state.set({
        registry: new MachineRegistry(ctx.db, ctx.clock, ctx.config.machines),
        clock: ctx.clock,
      });
      const throttle = new EnrolmentThrottle(ctx.clock);

      app.post('/api/machines/enrol', async (request, reply): Promise<EnrolResponse> => {
        const { machineId, code } = parseInput(EnrolRequest, request.body);
        const attempt = throttle.start(machineId, request.ip);
        if (!attempt.allowed) {
          reply.header('retry-after', String(attempt.retryAfterSeconds));
          throw new HttpError(
            429,
            'too-many-attempts',
            `Too many enrolment attempts for ${machineId}: try again in ${Math.ceil(attempt.retryAfterSeconds / 60)} minute(s), and check the code with facilities.`,
          );
        }
        const outcome = await registry.enrol(machineId, code, (role) => machineIdProblem(ctx.config, machineId, role));
        if (!outcome.ok) {
          ctx.logger.info({ machineId, reason: outcome.reason }, 'machine enrolment refused');
          if (outcome.reason === 'not-accepted') {
            attempt.succeeded();
            throw new HttpError(409, 'not-a-kiosk-of-this-site', outcome.problem, 'machineId');
          }
          if (outcome.reason === 'no-code')
            throw new HttpError(
              404,
              'no-enrolment-code',
              `No enrolment code is waiting for ${machineId} (it was used already, or made for another machine id): ${askForNewCode(machineId)}.`,
            );
          if (outcome.reason === 'expired')
            throw new HttpError(
              410,
              'enrolment-code-expired',
              `The enrolment code for ${machineId} has expired: ${askForNewCode(machineId)}.`,
            );
          throw new HttpError(
            401,
            'wrong-enrolment-code',
            `That is not the enrolment code for ${machineId}: check what you typed, or ${askForNewCode(machineId)}.`,
            'code',
          );
        }
        attempt.succeeded();
        ctx.logger.info({ machineId, role: outcome.machine.role }, 'machine enrolled');
        return { ...outcome.machine, credential: outcome.credential };
      });

      app.get('/api/machines/me', { preHandler: requireMachine() }, async (request): Promise<MachineIdentity> => {
        const machine = machineOf(request);
        if (!machine) throw new Error('requireMachine did not run before GET /api/machines/me.');
        return machine;
      });

      app.get(
        '/api/machines/me/config',
        { preHandler: requireMachine('kiosk') },
        async (request): Promise<KioskConfigPart> => {
          const machine = machineOf(request);
          if (!machine) throw new Error('requireMachine did not run before GET /api/machines/me/config.');
          const outcome = kioskConfigPart(ctx.config, machine.machineId);
          if (outcome.ok) return outcome.part;
          if (outcome.reason === 'not-a-kiosk') throw new HttpError(404, 'not-a-kiosk-of-this-site', outcome.problem);
          if (outcome.reason === 'no-offline-series') throw new HttpError(409, 'no-offline-series', outcome.problem);
          ctx.logger.error({ machineId: machine.machineId, problem: outcome.problem }, 'kiosk config part not valid');
          throw new HttpError(
            500,
            'kiosk-config-part-invalid',
            `${outcome.problem} This is a fault of the hub: report it.`,
          );
        },
      );

      app.get('/api/machines', { preHandler: ctx.requireStaff }, async (): Promise<MachineList> => ({
        machines: registry.list(),
      }));

      app.post(
        '/api/machines/:id/revoke',
        { preHandler: ctx.requireStaff },
        async (request): Promise<MachineSummary> => {
          const { id } = parseInput(MachineParams, request.params, 'path');
          const revoked = registry.revoke(id);
          if (!revoked) throw notFound('machine', id);
          ctx.logger.info({ machineId: id }, 'machine revoked');
          return revoked;
        },
      );
    },
  };
}
