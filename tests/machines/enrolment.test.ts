/**
 * Machines join the office: a code made at the hub is exchanged once, by the machine it was made
 * for, before it expires, for a credential the hub then recognises on every request until revoked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EnrolResponse, MachineList } from '../../contract/machines.js';
import { ApiError } from '../../contract/queue.js';
import type { ServerModule } from '../../server/context.js';
import { startMachinesServer, type MachinesServer } from './machines-server.js';

let hub: MachinesServer;
afterEach(async () => hub?.close());

const machine = (credential: string) => `Machine ${credential}`;

async function enrol(machineId: string, code: string, address?: string) {
  return hub.request('POST', '/api/machines/enrol', { body: { machineId, code }, ...(address ? { address } : {}) });
}

async function join(machineId: string, role: 'kiosk' | 'desk' | 'display'): Promise<string> {
  const answer = await enrol(machineId, await hub.newCode(machineId, role));
  expect(answer.status).toBe(200);
  return EnrolResponse.parse(answer.body).credential;
}

const errorOf = (body: unknown) => ApiError.parse(body).error;

async function listed(machineId: string) {
  const answer = await hub.request('GET', '/api/machines', { authorization: `Bearer ${hub.staffToken}` });
  expect(answer.status).toBe(200);
  return MachineList.parse(answer.body).machines.find((m) => m.machineId === machineId);
}

describe('enrol, join, be recognised, be revoked', () => {
  it('a kiosk joins with its code, the hub knows it on each request, and revoking refuses the next one', async () => {
    hub = await startMachinesServer();
    const code = await hub.newCode('kiosk-1', 'kiosk');
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}$/);
    expect(await listed('kiosk-1')).toMatchObject({ enrolledAt: null, codeExpiresAt: '2026-07-14T09:30:00.000Z' });

    // Typed in lower case with a space instead of the hyphen: still the code.
    const joined = await enrol('kiosk-1', code.toLowerCase().replace('-', ' '));
    expect(joined.status).toBe(200);
    const { credential, ...identity } = EnrolResponse.parse(joined.body);
    expect(identity).toEqual({ machineId: 'kiosk-1', role: 'kiosk' });
    expect(credential.length).toBeGreaterThanOrEqual(32);

    const me = await hub.request('GET', '/api/machines/me', { authorization: machine(credential) });
    expect(me).toEqual({ status: 200, body: { machineId: 'kiosk-1', role: 'kiosk' } });
    expect(await listed('kiosk-1')).toEqual({
      machineId: 'kiosk-1',
      role: 'kiosk',
      enrolledAt: '2026-07-14T09:00:00.000Z',
      lastSeenAt: '2026-07-14T09:00:00.000Z',
      revokedAt: null,
      codeExpiresAt: null,
      clockOffsetMs: null,
      configVersion: null,
      clockOffsetOverBound: false,
    });

    hub.clock.advance(5 * 60_000);
    const revoked = await hub.request('POST', '/api/machines/kiosk-1/revoke', {
      authorization: `Bearer ${hub.staffToken}`,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ machineId: 'kiosk-1', revokedAt: '2026-07-14T09:05:00.000Z' });

    const refused = await hub.request('GET', '/api/machines/me', { authorization: machine(credential) });
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body)).toMatchObject({ code: 'machine-revoked' });
    expect(errorOf(refused.body).message).toContain('npm run fleet -- enrol kiosk-1');
  });

  it('records when a machine was last seen, at most once a minute', async () => {
    hub = await startMachinesServer();
    const credential = await join('display-1', 'display');
    const me = () => hub.request('GET', '/api/machines/me', { authorization: machine(credential) });
    await me();
    hub.clock.advance(30_000);
    await me();
    expect((await listed('display-1'))?.lastSeenAt).toBe('2026-07-14T09:00:00.000Z');
    hub.clock.advance(60_000);
    await me();
    expect((await listed('display-1'))?.lastSeenAt).toBe('2026-07-14T09:01:30.000Z');
  });

  it('a revoked machine enrolled again joins with a new credential; the old one stays refused', async () => {
    hub = await startMachinesServer();
    const first = await join('desk-pc-1', 'desk');
    await hub.request('POST', '/api/machines/desk-pc-1/revoke', { authorization: `Bearer ${hub.staffToken}` });
    const second = await join('desk-pc-1', 'desk');
    expect((await hub.request('GET', '/api/machines/me', { authorization: machine(second) })).status).toBe(200);
    const old = await hub.request('GET', '/api/machines/me', { authorization: machine(first) });
    expect(old.status).toBe(401);
    expect(errorOf(old.body).code).toBe('unknown-machine');
  });
});

describe('refused codes change nothing', () => {
  it('an expired code is refused with what to do, and the machine stays unenrolled', async () => {
    hub = await startMachinesServer();
    const code = await hub.newCode('kiosk-1', 'kiosk', 30);
    hub.clock.advance(30 * 60_000);
    const answer = await enrol('kiosk-1', code);
    expect(answer.status).toBe(410);
    expect(errorOf(answer.body)).toMatchObject({
      code: 'enrolment-code-expired',
    });
    expect(errorOf(answer.body).message).toContain(
      'ask facilities for a new enrolment code: npm run fleet -- enrol kiosk-1',
    );
    expect(await listed('kiosk-1')).toMatchObject({ enrolledAt: null, codeExpiresAt: '2026-07-14T09:30:00.000Z' });
  });

  it('a used code does not work a second time, and the first credential keeps working', async () => {
    hub = await startMachinesServer();
    const code = await hub.newCode('kiosk-1', 'kiosk');
    const first = await enrol('kiosk-1', code);
    expect(first.status).toBe(200);
    const again = await enrol('kiosk-1', code);
    expect(again.status).toBe(404);
    expect(errorOf(again.body)).toMatchObject({
      code: 'no-enrolment-code',
    });
    expect(errorOf(again.body).message).toContain('npm run fleet -- enrol kiosk-1');
    const me = await hub.request('GET', '/api/machines/me', {
      authorization: machine(EnrolResponse.parse(first.body).credential),
    });
    expect(me.status).toBe(200);
  });

  it('the same right code sent twice at once enrols the machine once', async () => {
    hub = await startMachinesServer();
    const code = await hub.newCode('kiosk-1', 'kiosk');
    const answers = await Promise.all([enrol('kiosk-1', code), enrol('kiosk-1', code)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404]);
  });

  it("a code works only for the machine it was made for; the other machine's code still works after", async () => {
    hub = await startMachinesServer();
    const displayCode = await hub.newCode('display-1', 'display');
    const notWaiting = await enrol('display-2', displayCode);
    expect(notWaiting.status).toBe(404);
    expect(errorOf(notWaiting.body).message).toContain('npm run fleet -- enrol display-2');

    await hub.newCode('display-3', 'display');
    const wrong = await enrol('display-3', displayCode);
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.body)).toMatchObject({
      code: 'wrong-enrolment-code',
      field: 'code',
    });
    expect(errorOf(wrong.body).message).toContain('npm run fleet -- enrol display-3');
    expect(await listed('display-3')).toMatchObject({ enrolledAt: null });

    expect((await enrol('display-1', displayCode)).status).toBe(200);
  });

  it("a kiosk id that is not in the hub's site config gets no credential", async () => {
    hub = await startMachinesServer();
    const code = await hub.newCode('kiosk-9', 'kiosk');
    const answer = await enrol('kiosk-9', code);
    expect(answer.status).toBe(409);
    expect(errorOf(answer.body)).toMatchObject({
      field: 'machineId',
    });
    expect(errorOf(answer.body).message).toContain('"kiosk-9" is not a kiosk in the site config');
    expect(await listed('kiosk-9')).toMatchObject({ enrolledAt: null });
  });

  it.each([
    [{ machineId: 'Kiosk 1', code: 'ABCDE-FGHJK' }, 'machineId'],
    [{ machineId: 'kiosk-1', code: '  ' }, 'code'],
    [{ machineId: 'kiosk-1', code: 'ABCDE-FGHJK', role: 'desk' }, 'role'],
  ])('an enrolment request that is not valid is refused naming the field (%j)', async (body, field) => {
    hub = await startMachinesServer();
    const answer = await hub.request('POST', '/api/machines/enrol', { body });
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).field).toBe(field);
  });
});

describe('guessing codes', () => {
  it('allows 5 attempts per machine in 15 minutes, even when sent all at once; then even the right code waits', async () => {
    hub = await startMachinesServer();
    const code = await hub.newCode('kiosk-1', 'kiosk');
    const guesses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => enrol('kiosk-1', `WRONG-GUES${'23456789'[i]}`, `10.0.0.${i + 1}`)),
    );
    expect(guesses.filter((g) => g.status === 401)).toHaveLength(5);
    expect(guesses.filter((g) => g.status === 429)).toHaveLength(3);

    const right = await enrol('kiosk-1', code);
    expect(right.status).toBe(429);
    expect(errorOf(right.body).message).toContain('try again in 15 minute(s)');

    hub.clock.advance(15 * 60_000 + 1000);
    expect((await enrol('kiosk-1', code)).status).toBe(200);
  });

  it('allows 20 attempts from one address across machine ids', async () => {
    hub = await startMachinesServer();
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push(await enrol(`desk-${i}`, 'ABCDE-FGHJK', '10.0.0.7'));
    expect(answers.slice(0, 20).every((a) => a.status === 404)).toBe(true);
    expect(answers[20]?.status).toBe(429);
    expect((await enrol('desk-99', 'ABCDE-FGHJK', '10.0.0.8')).status).toBe(404);
  });
});

describe('who may call', () => {
  const displayOnly = (requireDisplay: ServerModule['register']): ServerModule => ({
    name: 'display-test',
    migrations: [],
    register: requireDisplay,
  });

  it('machine routes refuse a missing, unknown or staff credential (401) and another role (403)', async () => {
    hub = await startMachinesServer({
      extraModules: (machines) => [
        displayOnly((app) => {
          app.get('/api/test/board', { preHandler: machines.requireMachine('display') }, async () => ({ ok: true }));
        }),
      ],
    });
    const missing = await hub.request('GET', '/api/machines/me');
    expect(missing.status).toBe(401);
    expect(errorOf(missing.body).code).toBe('machine-credential-required');
    const unknown = await hub.request('GET', '/api/machines/me', { authorization: machine('x'.repeat(43)) });
    expect(unknown.status).toBe(401);
    expect(errorOf(unknown.body).code).toBe('unknown-machine');
    const staff = await hub.request('GET', '/api/machines/me', { authorization: `Bearer ${hub.staffToken}` });
    expect(staff.status).toBe(401);

    const kiosk = await join('kiosk-1', 'kiosk');
    const display = await join('display-1', 'display');
    const wrongRole = await hub.request('GET', '/api/test/board', { authorization: machine(kiosk) });
    expect(wrongRole.status).toBe(403);
    expect(errorOf(wrongRole.body)).toMatchObject({
      code: 'wrong-machine-role',
      message: 'Only a display machine may call this; kiosk-1 is a kiosk.',
    });
    expect(await hub.request('GET', '/api/test/board', { authorization: machine(display) })).toEqual({
      status: 200,
      body: { ok: true },
    });
  });

  it('listing and revoking machines need a signed-in staff user; a machine credential is not one', async () => {
    hub = await startMachinesServer();
    const kiosk = await join('kiosk-1', 'kiosk');
    for (const authorization of [undefined, machine(kiosk)]) {
      expect((await hub.request('GET', '/api/machines', authorization ? { authorization } : {})).status).toBe(401);
      expect(
        (await hub.request('POST', '/api/machines/kiosk-1/revoke', authorization ? { authorization } : {})).status,
      ).toBe(401);
    }
    expect((await hub.request('GET', '/api/machines/me', { authorization: machine(kiosk) })).status).toBe(200);
  });

  it('revoking a machine that does not exist is a 404; a malformed id a 400 naming it', async () => {
    hub = await startMachinesServer();
    const staff = { authorization: `Bearer ${hub.staffToken}` };
    const unknown = await hub.request('POST', '/api/machines/kiosk-7/revoke', staff);
    expect(unknown.status).toBe(404);
    const malformed = await hub.request('POST', '/api/machines/Kiosk_7/revoke', staff);
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.body).field).toBe('id');
  });
});
