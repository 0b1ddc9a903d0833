/**
 * The preHandler a machine-only route uses: `Authorization: Machine <credential>`. 401 when the
 * credential is missing or unknown, 403 when the machine is revoked or has another role. The hub
 * reads the machine on every request (no cache), so a revocation refuses the very next one. A request
 * let through records the machine's contact: when, its clock offset and its config version.
 */
import type { FastifyRequest, preHandlerHookHandler } from 'fastify';
import { machineAuthScheme, type MachineIdentity, type MachineRole } from '../../contract/machines.js';
import type { Clock } from '../clock.js';
import { HttpError } from '../http/errors.js';
import { machineContact } from './contact.js';
import type { MachineRegistry } from './registry.js';

const callers = new WeakMap<FastifyRequest, MachineIdentity>();

const schemePattern = new RegExp(`^${machineAuthScheme}\\s+(\\S+)\\s*$`, 'i');

export function machineCredential(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  return schemePattern.exec(header)?.[1] ?? null;
}

export function createRequireMachine(registry: () => MachineRegistry, clock: () => Clock) {
  return (...roles: MachineRole[]): preHandlerHookHandler =>
    (request, _reply, done) => {
      const credential = machineCredential(request);
      if (!credential)
        return done(
          new HttpError(
            401,
            'machine-credential-required',
            `Only an enrolled machine may call this: send its credential (Authorization: ${machineAuthScheme} <credential>). Enrol the machine with npm run fleet -- join.`,
          ),
        );
      const machine = registry().owner(credential);
      if (!machine)
        return done(
          new HttpError(
            401,
            'unknown-machine',
            'This machine credential is not known to the hub: ask facilities for a new enrolment code (npm run fleet -- enrol <id>) and join again.',
          ),
        );
      if (machine.revokedAt !== null)
        return done(
          new HttpError(
            403,
            'machine-revoked',
            `${machine.machineId} was revoked by facilities at ${machine.revokedAt}: ask facilities for a new enrolment code (npm run fleet -- enrol ${machine.machineId}) to bring it back.`,
          ),
        );
      if (roles.length > 0 && !roles.includes(machine.role))
        return done(
          new HttpError(
            403,
            'wrong-machine-role',
            `Only a ${roles.join(' or ')} machine may call this; ${machine.machineId} is a ${machine.role}.`,
          ),
        );
      const now = clock().now();
      registry().seen(machine, machineContact(request, now), now);
      callers.set(request, { machineId: machine.machineId, role: machine.role });
      done();
    };
}

/** Which machine made the request (after requireMachine ran). */
export const machineOf = (request: FastifyRequest): MachineIdentity | null => callers.get(request) ?? null;
