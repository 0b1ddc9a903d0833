/** The preHandler every staff route uses: 401 unless `Authorization: Bearer <token>` is a live session. */
import type { FastifyRequest, preHandlerHookHandler } from 'fastify';
import { HttpError } from '../http/errors.js';
import type { StaffAccounts, StaffIdentity } from './staff.js';

const signedIn = new WeakMap<FastifyRequest, { identity: StaffIdentity; token: string }>();

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export function createRequireStaff(accounts: StaffAccounts): preHandlerHookHandler {
  return (request, _reply, done) => {
    const token = bearerToken(request);
    if (!token)
      return done(
        new HttpError(
          401,
          'sign-in-required',
          'Sign in first: this needs a staff token (Authorization: Bearer <token>).',
        ),
      );
    const identity = accounts.identify(token);
    if (!identity)
      return done(new HttpError(401, 'sign-in-required', 'The sign-in has expired or is not valid: sign in again.'));
    signedIn.set(request, { identity, token });
    done();
  };
}

/** Who made a staff request (after requireStaff ran). */
export const staffOf = (request: FastifyRequest): StaffIdentity | null => signedIn.get(request)?.identity ?? null;
export const tokenOf = (request: FastifyRequest): string | null => signedIn.get(request)?.token ?? null;
