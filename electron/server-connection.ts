/**
 * Where the screens come from: the office server started in this process (single-kiosk site, or a
 * hub machine), the kiosk agent started in this process (a kiosk of an office with a hub), or a site
 * hub elsewhere on the council network (desks, displays). Plain Node: no electron import.
 *
 * The agent runs in-process rather than as a child process, like the embedded server: one process
 * for the watchdog and the updater to look after, no second Node runtime to ship, and its loopback
 * port is this process's own (docs/decisions.md "Kiosk agent in the shell's process").
 */
import type { Logger } from 'pino';
import type { SiteConfig } from '../contract/config.js';
import type { ShellConfig } from './config/shell-config.js';

export interface ServerConnection {
  /** e.g. http://127.0.0.1:41234 — the only origin the shell's windows may show or trust. */
  origin: string;
  /** 'embedded' when this process runs the office server, 'agent' when it runs the kiosk agent. */
  mode: 'embedded' | 'hub' | 'agent';
  /** A payment is open on this machine's card terminal (a kiosk agent): updates wait. */
  paymentOpen?(): boolean;
  close(): Promise<void>;
}

export interface ConnectOptions {
  config: ShellConfig;
  logger: Logger;
  /** Default data folder (the app's user-data folder) when the shell config names none. */
  defaultDataDir: string;
  /** Built screens (dist/renderer inside the app). */
  rendererDir: string;
}

/** Same checks, same wording as `npm run config -- check FILE`. */
export async function readSiteConfig(file: string): Promise<SiteConfig> {
  const { checkSiteConfigFile } = await import('../server/cli/site-config.js');
  const check = checkSiteConfigFile(file);
  if (check.ok) return check.config;
  const problems = check.problems.map((problem) => `  - ${problem.path}: ${problem.message}`);
  throw new Error(
    `Site config ${file} is not valid (check it with: npm run config -- check ${file}):\n${problems.join('\n')}`,
  );
}

export async function connectToServer(options: ConnectOptions): Promise<ServerConnection> {
  const { server } = options.config;
  if (server.mode === 'hub') {
    // A desk or display that joined the hub tells the fleet view it is there.
    const [{ startScreenMachineHeartbeat }, { systemClock }] = await Promise.all([
      import('../server/agent/screen-machine.js'),
      import('../server/clock.js'),
    ]);
    const heartbeat = startScreenMachineHeartbeat({
      dataDir: options.defaultDataDir,
      hubUrl: new URL(server.url).origin,
      clock: systemClock,
      logger: options.logger,
    });
    if (!heartbeat) options.logger.info('this machine has not joined the hub (npm run fleet -- join): no heartbeat');
    return {
      origin: new URL(server.url).origin,
      mode: 'hub',
      close: async () => heartbeat?.stop(),
    };
  }
  if (server.mode === 'agent') {
    const [{ startKioskAgent }, { systemClock }] = await Promise.all([
      import('../server/agent/agent.js'),
      import('../server/clock.js'),
    ]);
    const agent = await startKioskAgent({
      kioskId: options.config.kioskId ?? '',
      dataDir: server.dataDir ?? options.defaultDataDir,
      ...(server.hubUrl ? { hubUrl: server.hubUrl } : {}),
      port: server.port,
      clock: systemClock,
      logger: options.logger,
      rendererDir: options.rendererDir,
    }).catch((error: unknown) => {
      throw withNativeModuleHint(error);
    });
    options.logger.info(
      { url: agent.url, hub: agent.link.hubUrl, state: agent.link.state },
      'kiosk agent running in-process',
    );
    return {
      origin: new URL(agent.url).origin,
      mode: 'agent',
      paymentOpen: () => agent.paymentOpen(),
      close: () => agent.close(),
    };
  }
  // The server's modules load only here: a display or desk pointing at a hub never loads them.
  const [{ createServer }, { demoSiteConfig, seedDemo }] = await Promise.all([
    import('../server/app.js'),
    import('../server/demo/seed.js'),
  ]);
  const site = server.demo ? demoSiteConfig() : await readSiteConfig(server.siteConfig!);
  if (options.config.role === 'kiosk' && !site.kiosks.some((kiosk) => kiosk.id === options.config.kioskId)) {
    throw new Error(
      `Shell config "kioskId": "${options.config.kioskId}" is not one of the site's kiosks (${site.kiosks.map((k) => k.id).join(', ') || 'none'})`,
    );
  }
  const hub = await createServer({
    config: site,
    dataDir: server.dataDir ?? options.defaultDataDir,
    simulateDevices: server.demo,
    logger: options.logger,
    rendererDir: options.rendererDir,
  }).catch((error: unknown) => {
    throw withNativeModuleHint(error);
  });
  if (server.demo) await seedDemo(hub.staff);
  const url = await hub.listen(server.port, server.host);
  options.logger.info({ url, site: site.site.id, demo: server.demo }, 'office server running in-process');
  return { origin: new URL(url).origin, mode: 'embedded', close: () => hub.close() };
}

/**
 * better-sqlite3 is compiled against one ABI: Node's for `npm test`, Electron's for the shell. A
 * mismatch is the commonest start-up failure on a developer machine; say how to fix it.
 */
export function withNativeModuleHint(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version|ERR_DLOPEN_FAILED/.test(message))
    return error;
  return new Error(
    `${message}\nA native module was built for another runtime. Packaged builds rebuild it for Electron ` +
      '(electron-builder install-app-deps); in a checkout, run the server outside the shell instead ' +
      '(npm start does: it starts the hub with Node and points the shell at it), or rebuild with ' +
      '`npx @electron/rebuild -f -w better-sqlite3` (then rebuild for Node before npm test).',
  );
}
