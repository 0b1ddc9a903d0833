/**
 * POST /api/tickets with the kiosk agent's own id for the tap: only an enrolled kiosk machine may
 * give one, it issues as itself, and a repeat of the id answers the ticket already issued. The
 * single-box kiosk (anonymous, no id) issues exactly as before.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, IssuedTicket, QueueEntry } from '../../contract/queue.js';
import { startOfflineHub, type OfflineHub } from './offline-hub.js';

let hub: OfflineHub;
afterEach(async () => hub?.close());

const errorOf = (body: unknown) => ApiError.parse(body).error;

async function waitingNumbers(): Promise<string[]> {
  return QueueEntry.array()
    .parse((await hub.staffGet('/api/queue')).body)
    .map((entry) => entry.number);
}

describe('issuing under a kiosk machine’s own ticket id', () => {
  it('a repeat of the same id from the same kiosk answers the ticket already issued (200), not a new number', async () => {
    hub = await startOfflineHub();
    const kiosk = await hub.join('kiosk-1', 'kiosk');
    const id = randomUUID();
    const first = await hub.request('POST', '/api/tickets', { authorization: kiosk, body: { id, service: 'housing' } });
    expect(first.status).toBe(201);
    const issued = IssuedTicket.parse(first.body);
    expect(issued).toMatchObject({ id, number: 'H001', kiosk: 'kiosk-1', position: 1 });

    hub.clock.advance(5_000);
    const repeat = await hub.request('POST', '/api/tickets', {
      authorization: kiosk,
      body: { id, service: 'housing' },
    });
    expect(repeat.status).toBe(200);
    expect(IssuedTicket.parse(repeat.body)).toEqual(issued);
    expect(await waitingNumbers()).toEqual(['H001']);
    expect(hub.events.filter((e) => e.type === 'ticket.issued')).toHaveLength(1);
  });

  it('issues as the calling kiosk, whatever kiosk the body names', async () => {
    hub = await startOfflineHub();
    const second = await hub.join('kiosk-2', 'kiosk');
    const answer = await hub.request('POST', '/api/tickets', {
      authorization: second,
      body: { id: randomUUID(), service: 'housing', kiosk: 'kiosk-1' },
    });
    expect(answer.status).toBe(201);
    expect(IssuedTicket.parse(answer.body).kiosk).toBe('kiosk-2');
  });

  it('refuses an id already used by another kiosk or for another service (409)', async () => {
    hub = await startOfflineHub();
    const first = await hub.join('kiosk-1', 'kiosk');
    const second = await hub.join('kiosk-2', 'kiosk');
    const id = randomUUID();
    await hub.request('POST', '/api/tickets', { authorization: first, body: { id, service: 'housing' } });
    const otherKiosk = await hub.request('POST', '/api/tickets', {
      authorization: second,
      body: { id, service: 'housing' },
    });
    expect(otherKiosk.status).toBe(409);
    expect(errorOf(otherKiosk.body).code).toBe('id-in-use');
    const otherService = await hub.request('POST', '/api/tickets', {
      authorization: first,
      body: { id, service: 'repairs' },
    });
    expect(otherService.status).toBe(409);
    expect(await waitingNumbers()).toEqual(['H001']);
  });

  it('refuses an id without a kiosk machine credential (403 naming "id"), a bad credential (401), another role (403)', async () => {
    hub = await startOfflineHub();
    const desk = await hub.join('desk-1', 'desk');
    const kiosk = await hub.join('kiosk-1', 'kiosk');
    const body = { id: randomUUID(), service: 'housing' };

    const anonymous = await hub.request('POST', '/api/tickets', { body });
    expect(anonymous.status).toBe(403);
    expect(errorOf(anonymous.body)).toMatchObject({ code: 'kiosk-machine-only', field: 'id' });
    expect(errorOf(anonymous.body).message).toContain('Authorization: Machine');
    const staff = await hub.request('POST', '/api/tickets', { authorization: `Bearer ${hub.staffToken}`, body });
    expect(staff.status).toBe(403);
    const unknown = await hub.request('POST', '/api/tickets', { authorization: `Machine ${'x'.repeat(43)}`, body });
    expect(unknown.status).toBe(401);
    const fromDesk = await hub.request('POST', '/api/tickets', { authorization: desk, body });
    expect(fromDesk.status).toBe(403);
    expect(errorOf(fromDesk.body).code).toBe('wrong-machine-role');
    await hub.staffPost('/api/machines/kiosk-1/revoke');
    const revoked = await hub.request('POST', '/api/tickets', { authorization: kiosk, body: { service: 'housing' } });
    expect(revoked.status).toBe(403);
    expect(errorOf(revoked.body).code).toBe('machine-revoked');
    expect(await waitingNumbers()).toEqual([]);
  });

  it('still issues anonymously without an id, a new number each time (the single-box kiosk)', async () => {
    hub = await startOfflineHub();
    const numbers = [];
    for (let i = 0; i < 2; i++) {
      const answer = await hub.request('POST', '/api/tickets', { body: { service: 'housing', kiosk: 'kiosk-1' } });
      expect(answer.status).toBe(201);
      numbers.push(IssuedTicket.parse(answer.body).number);
    }
    expect(numbers).toEqual(['H001', 'H002']);
    const unknownKiosk = await hub.request('POST', '/api/tickets', { body: { service: 'housing', kiosk: 'kiosk-9' } });
    expect(unknownKiosk.status).toBe(400);
    expect(errorOf(unknownKiosk.body).field).toBe('kiosk');
  });
});
