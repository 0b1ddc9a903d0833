/**
 * The screens, built by Vite into dist/renderer: /kiosk, /staff, /display, /reports, /fleet each
 * answer with their page (also below them, for in-page routes); files under /assets and any other
 * built file (sounds, icons) are served as they are.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const screens = ['kiosk', 'staff', 'display', 'reports', 'fleet'] as const;

export async function registerScreens(app: FastifyInstance, rendererDir: string): Promise<void> {
  // Checked per request, not once: a rebuild while the server runs (vite empties the folder
  // first) must not leave the server answering 503 for the rest of its life.
  const isBuilt = () => existsSync(join(rendererDir, 'kiosk.html'));
  await app.register(fastifyStatic, {
    root: rendererDir,
    prefix: '/',
    index: false,
    wildcard: true,
    cacheControl: false,
  });
  for (const screen of screens) {
    const handler = async (_request: unknown, reply: FastifyReply) => {
      if (!isBuilt()) {
        return reply
          .status(503)
          .type('text/plain; charset=utf-8')
          .send(`The screens are not built yet: run "npm run build:renderer" (looked in ${rendererDir}).`);
      }
      return reply.header('cache-control', 'no-cache').sendFile(`${screen}.html`);
    };
    app.get(`/${screen}`, handler);
    app.get(`/${screen}/*`, handler);
  }
  app.get('/', async (_request, reply) => reply.redirect('/kiosk'));
}
