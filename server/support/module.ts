/**
 * GET /api/support-bundle (staff): this server's own support bundle (server/support/bundle.ts) as a
 * .tar.gz download, made from the running server: its site config, live device states, its SQLite
 * file and the logs in its data folder.
 */
import type { ServerModule } from '../context.js';
import { bundleFileName, collectSupportBundle, supportBundleStream } from './bundle.js';

export const supportBundlePath = '/api/support-bundle';

export function createSupportModule(): ServerModule {
  return {
    name: 'support',
    migrations: [],
    register(app, ctx) {
      app.get(supportBundlePath, { preHandler: ctx.requireStaff }, async (_request, reply) => {
        const bundle = collectSupportBundle({
          dataDir: ctx.dataDir,
          clock: ctx.clock,
          madeBy: 'hub',
          config: ctx.config,
          configSource: 'the running server',
          db: ctx.db,
          liveDevices: ctx.devices.states(),
        });
        const fileName = bundleFileName(bundle, ctx.clock.now());
        ctx.logger.info({ fileName, files: bundle.files.length }, 'support bundle made');
        return reply
          .header('content-type', 'application/gzip')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .header('cache-control', 'no-store')
          .send(supportBundleStream(bundle));
      });
    },
  };
}
