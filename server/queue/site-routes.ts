/**
 * What every kiosk screen reads about its site, from the site config alone: the site, its services
 * and one kiosk's offer and timers. Public. Served by the hub and, from its config part, by a kiosk
 * agent, so the screen reads the same answers from either.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SiteSummary } from '../../contract/queue.js';
import type { ServerContext } from '../context.js';
import { notFound, parseInput } from '../http/errors.js';

export const KioskParams = z.object({ kiosk: z.string().min(1).max(60) });

export function registerSiteRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/site', async (): Promise<SiteSummary> => ({
    id: ctx.config.site.id,
    name: ctx.config.site.name,
    councilName: ctx.config.site.councilName,
    timeZone: ctx.config.site.timeZone,
    waitTargetSeconds: ctx.config.waitTargetSeconds,
    warnAtFractionOfTarget: 0.8,
  }));

  app.get('/api/services', async () => ctx.config.services);

  // What a kiosk offers, for its home screen, and its screen timers. Never device settings (ports,
  // the card terminal's password): those do not leave the server.
  app.get('/api/kiosks/:kiosk', async (request) => {
    const { kiosk } = parseInput(KioskParams, request.params, 'path');
    const found = ctx.config.kiosks.find((k) => k.id === kiosk);
    if (!found) throw notFound('kiosk', kiosk);
    return { id: found.id, name: found.name, offers: found.offers, timers: found.timers };
  });
}
