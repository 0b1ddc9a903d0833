/**
 * Every /api/ answer carries the hub's clock (`x-hub-time`), so a machine can tell how far its own
 * clock is off from any response, even a refusal, without a request of its own for it; and the
 * protocol version the hub speaks (`x-protocol-version`).
 */
import type { FastifyInstance } from 'fastify';
import { hubTimeHeader, protocolVersion, protocolVersionHeader } from '../../contract/agent.js';
import type { Clock } from '../clock.js';

export function addHubTimeHeader(app: FastifyInstance, clock: Clock): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) {
      reply.header(hubTimeHeader, clock.now().toISOString());
      reply.header(protocolVersionHeader, String(protocolVersion));
    }
    return payload;
  });
}
