/**
 * Security headers on every answer. The screens load only their own scripts and styles and talk only
 * to this server (HTTP and its WebSocket), so the policy (contract/content-security-policy.ts) allows
 * self and ws(s): to this host only.
 */
import type { FastifyInstance } from 'fastify';
import { contentSecurityPolicy } from '../../contract/content-security-policy.js';

const safeHost = /^[A-Za-z0-9.\-:[\]]{1,255}$/;

export function screenContentSecurityPolicy(host: string | undefined): string {
  return contentSecurityPolicy({ webSockets: host && safeHost.test(host) ? [`ws://${host}`, `wss://${host}`] : [] });
}

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', screenContentSecurityPolicy(request.headers.host));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
