/**
 * Staff sign-in: POST /api/auth/login → {token}, POST /api/auth/logout, GET /api/auth/me, and the
 * gate every staff route uses (ctx.requireStaff). Every server has it: server/app.ts creates it first.
 */
import type { preHandlerHookHandler } from 'fastify';
import { LoginRequest, type LoginResponse } from '../../contract/queue.js';
import { ModuleState, type ServerModule } from '../context.js';
import { HttpError, parseInput } from '../http/errors.js';
import { authMigrations } from './migrations.js';
import { createRequireStaff, staffOf, tokenOf } from './require-staff.js';
import { StaffAccounts } from './staff.js';
import { SignInThrottle } from './throttle.js';

export interface AuthModule extends ServerModule {
  /** The staff accounts (the hub CLI's demo account, tests); once registered. */
  accounts(): StaffAccounts;
  /** Fastify preHandler: 401 unless the request carries a valid staff token. */
  requireStaff: preHandlerHookHandler;
}

export function createAuthModule(): AuthModule {
  const state = new ModuleState<{ accounts: StaffAccounts; requireStaff: preHandlerHookHandler }>('auth');

  return {
    name: 'auth',
    migrations: authMigrations,
    accounts: () => state.get().accounts,
    requireStaff: (request, reply, done) => state.get().requireStaff.call(request.server, request, reply, done),

    register(app, ctx) {
      const accounts = new StaffAccounts(ctx.db, ctx.clock);
      state.set({ accounts, requireStaff: createRequireStaff(accounts) });
      const throttle = new SignInThrottle(ctx.clock);

      app.post('/api/auth/login', async (request, reply): Promise<LoginResponse & { expiresAt: string }> => {
        const input = parseInput(LoginRequest, request.body);
        const wait = throttle.retryAfterSeconds(input.username, request.ip);
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw new HttpError(
            429,
            'too-many-attempts',
            `Too many failed sign-ins: try again in ${Math.ceil(wait / 60)} minute(s).`,
          );
        }
        const session = await accounts.signIn(input.username, input.password);
        if (!session) {
          throttle.failed(input.username, request.ip);
          ctx.logger.info({ username: input.username }, 'staff sign-in refused');
          throw new HttpError(401, 'wrong-credentials', 'The username or password is not right.');
        }
        throttle.succeeded(input.username);
        ctx.logger.info({ username: session.identity.username }, 'staff signed in');
        return {
          token: session.token,
          username: session.identity.username,
          displayName: session.identity.displayName,
          expiresAt: session.expiresAt,
        };
      });

      app.post('/api/auth/logout', { preHandler: ctx.requireStaff }, async (request, reply) => {
        const token = tokenOf(request);
        if (token) accounts.signOut(token);
        return reply.status(204).send();
      });

      app.get('/api/auth/me', { preHandler: ctx.requireStaff }, async (request) => staffOf(request));
    },
  };
}
