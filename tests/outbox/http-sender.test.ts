/**
 * A machine's outbox presents the machine's credential and clock to the hub; a sender without one
 * keeps the shared Bearer token. Against a tiny real HTTP server, to see the headers as sent.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.js';
import { feedbackSender } from '../../server/feedback/forwarding.js';
import { httpSender } from '../../server/outbox/http-sender.js';
import type { OutboxItem } from '../../server/outbox/outbox.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function hubReceiver() {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    received.push(request.headers);
    request.resume();
    request.on('end', () => response.writeHead(201, { 'content-type': 'application/json' }).end('{}'));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { base: `http://127.0.0.1:${port}`, received };
}

const item: OutboxItem = { id: 'item-1', kind: 'payment', payload: { version: 1 } };

describe('httpSender', () => {
  it("sends Authorization: Machine <credential> and the machine's clock as x-machine-time", async () => {
    const hub = await hubReceiver();
    const clock = new ManualClock(new Date('2026-07-14T08:55:00.000Z'));
    const send = httpSender({ url: `${hub.base}/ingest`, machineCredential: () => 'kiosk-1-credential', clock });
    await send(item);
    expect(hub.received[0]).toMatchObject({
      authorization: 'Machine kiosk-1-credential',
      'x-machine-time': '2026-07-14T08:55:00.000Z',
    });
  });

  it('prefers the machine credential to a token, and falls back to the token while there is no credential', async () => {
    const hub = await hubReceiver();
    const joined: string[] = [];
    const send = httpSender({ url: `${hub.base}/ingest`, token: 'shared-token', machineCredential: () => joined[0] });
    await send(item);
    joined.push('joined-now');
    await send(item);
    expect(hub.received.map((headers) => headers.authorization)).toEqual(['Bearer shared-token', 'Machine joined-now']);
    expect(hub.received[0]?.['x-machine-time']).toBeUndefined();
  });

  it('the feedback outbox presents the credential it is given to the office', async () => {
    const hub = await hubReceiver();
    const clock = new ManualClock(new Date('2026-07-14T09:00:00.000Z'));
    await feedbackSender(hub.base, undefined, { credential: () => 'kiosk-1-credential', clock })({
      id: 'f-1',
      kind: 'feedback.response',
      payload: {},
    });
    await feedbackSender(hub.base)({ id: 'f-2', kind: 'feedback.response', payload: {} });
    expect(hub.received.map((headers) => [headers.authorization, headers['x-machine-time']])).toEqual([
      ['Machine kiosk-1-credential', '2026-07-14T09:00:00.000Z'],
      [undefined, undefined],
    ]);
  });
});
