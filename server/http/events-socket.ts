/** WebSocket /api/events: every event published on ctx.events, as one JSON message each. */
import type { FastifyInstance } from 'fastify';
import type { EventHub } from '../events.js';

/** A client this far behind is dropped (it reconnects and reloads) rather than buffering forever. */
const maxBufferedBytes = 1024 * 1024;

export function registerEventSocket(app: FastifyInstance, events: EventHub): void {
  app.get('/api/events', { websocket: true }, (socket) => {
    const unsubscribe = events.subscribe((event) => {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > maxBufferedBytes) {
        socket.terminate();
        return;
      }
      socket.send(JSON.stringify(event));
    });
    let alive = true;
    socket.on('pong', () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, 30_000);
    heartbeat.unref();
    socket.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    socket.on('error', () => socket.terminate());
  });
}
