import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { feedbackSender } from '../../server/feedback/forwarding.js';
import { DeliveryRefused } from '../../server/outbox/outbox.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** An office that answers each POST with the next status in the list, recording what it got. */
async function office(statuses: number[]) {
  const received: { url: string; body: unknown }[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ url: request.url ?? '', body: JSON.parse(body) as unknown });
      response
        .writeHead(statuses.shift() ?? 500, { 'content-type': 'application/json' })
        .end('{"error":{"code":"x","message":"no such reason"}}');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, received };
}

const item = {
  id: 'a3c1c1d0-4c4b-4a51-9d6e-2a7e0b1f3c11',
  kind: 'feedback.response',
  payload: { id: 'a3c1c1d0-4c4b-4a51-9d6e-2a7e0b1f3c11', rating: 'good' },
};

describe('sending a response to the office', () => {
  it('posts the request body itself to /api/feedback and succeeds on 201 or 200', async () => {
    const target = await office([201, 200]);
    const send = feedbackSender(target.url);
    await send(item);
    await send(item);
    expect(target.received).toEqual([
      { url: '/api/feedback', body: item.payload },
      { url: '/api/feedback', body: item.payload },
    ]);
  });

  it('retries (throws) while the office is down or busy, and reports a refusal that can never succeed as refused', async () => {
    const target = await office([503, 429, 400]);
    const send = feedbackSender(target.url);
    await expect(send(item)).rejects.toThrow('503');
    await expect(send(item)).rejects.toThrow('429');
    await expect(send(item)).rejects.toBeInstanceOf(DeliveryRefused);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(send(item)).rejects.toThrow();
  });
});
