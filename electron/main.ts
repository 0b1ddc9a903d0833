/**
 * The Electron main process: the kiosk shell. Thin on purpose: every decision it makes comes from a
 * plain module under electron/policy or electron/config (unit-tested without Electron); this file
 * wires them to Electron's events. Read docs/electron.md for the checklist it implements.
 */
import { app, dialog, Menu, powerMonitor, powerSaveBlocker, session } from 'electron';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { loadShellConfig, ShellConfigError, type ShellConfig } from './config/shell-config.js';
import { planWindow } from './config/window-plan.js';
import { hardenSession, hardenWebContents } from './hardening.js';
import { pushToWindow, registerShellIpc } from './ipc-main.js';
import { createShellLogger } from './logging.js';
import { AdminExitGate } from './policy/admin-pin.js';
import { defaultWatchdogPolicy } from './policy/watchdog.js';
import { connectToServer, type ServerConnection } from './server-connection.js';
import { createShellWindow, type ShellWindow } from './shell-window.js';
import { ShellStatusStore } from './shell-status.js';
import { startUpdater } from './updater.js';

/** Exit codes the OS session acts on (docs/operations.md): 0 = leave it stopped, else restart. */
const exitCodes = { adminExit: 0, fatal: 1, badConfig: 2 } as const;

function argValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}

// One name in a checkout and in a packaged build, so the data folder is the same place
// (~/.config/Reception Kiosk, %APPDATA%\Reception Kiosk) that docs/operations.md names.
// (setName alone does not move userData, which Electron fixes before this file runs.)
// --user-data-dir gives separate profiles (tests, two roles on one machine) and scopes the
// single-instance lock.
app.setName('Reception Kiosk');
const userDataArg = argValue(process.argv, '--user-data-dir');
app.setPath('userData', userDataArg ? resolve(userDataArg) : join(app.getPath('appData'), 'Reception Kiosk'));

app.enableSandbox();

let quitting = false;
let appOrigin: string | null = null;
let shellWindow: ShellWindow | null = null;
let connection: ServerConnection | null = null;

function fail(logger: Logger | null, title: string, error: unknown, code: number): void {
  const message = error instanceof Error ? error.message : String(error);
  logger?.fatal({ err: error }, title);
  console.error(`${title}: ${message}`);
  const show = () => {
    // A dialog on an unattended kiosk blocks until someone comes; log first, show, then exit.
    if (!process.env.KIOSK_NO_DIALOGS) dialog.showErrorBox(`Reception Kiosk: ${title}`, message);
    quitting = true;
    app.exit(code);
  };
  if (app.isReady()) show();
  else app.whenReady().then(show, () => app.exit(code));
}

if (!app.requestSingleInstanceLock()) {
  console.error('Reception Kiosk is already running for this profile; this second copy exits.');
  app.exit(0);
} else {
  boot();
}

function boot(): void {
  const logger = createShellLogger(join(app.getPath('userData'), 'logs'), process.env.LOG_LEVEL ?? 'info');
  let config: ShellConfig;
  let configFile: string | null;
  try {
    ({ config, file: configFile } = loadShellConfig({
      argv: process.argv,
      env: process.env,
      defaultFile: join(app.getPath('userData'), 'shell.json'),
    }));
  } catch (error) {
    fail(logger, error instanceof ShellConfigError ? 'shell config' : 'start-up', error, exitCodes.badConfig);
    return;
  }
  logger.info(
    { role: config.role, kioskId: config.kioskId, configFile: configFile ?? '(none: demo)', version: app.getVersion() },
    'shell starting',
  );

  // The lobby board chimes and speaks with nobody touching it first.
  if (config.role === 'display') app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { appOrigin: () => appOrigin, role: config.role, logger }),
  );
  app.on('second-instance', () => {
    const window = shellWindow?.window;
    if (window && !window.isDestroyed()) {
      window.show();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('before-quit', (event) => {
    quitting = true;
    shellWindow?.watchdog.stop();
    if (closed || !connection) return;
    event.preventDefault();
    connection
      .close()
      .catch((error: unknown) => logger.error({ err: error }, 'server did not close cleanly'))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  process.on('SIGTERM', () => app.quit());

  app
    .whenReady()
    .then(() => run(config, logger))
    .catch((error: unknown) => fail(logger, 'start-up failed', error, exitCodes.fatal));
}

async function run(config: ShellConfig, logger: Logger): Promise<void> {
  Menu.setApplicationMenu(null);
  const appRoot = app.getAppPath();
  connection = await connectToServer({
    config,
    logger,
    defaultDataDir: app.getPath('userData'),
    rendererDir: join(appRoot, 'dist', 'renderer'),
  });
  const origin = connection.origin;
  appOrigin = origin;
  hardenSession(session.defaultSession, origin, config.permissions, logger);

  const plan = planWindow(config);
  const status = new ShellStatusStore(new Date());
  const trustedIds = new Set<number>();
  const gate = new AdminExitGate(config.adminPinHash);
  // Answer first, then quit: exit code 0 (exitCodes.adminExit) once the server has closed.
  const quitForAdmin = () =>
    setTimeout(() => {
      quitting = true;
      app.quit();
    }, 200);

  // Handlers first: the preload's first heartbeat may arrive before createShellWindow returns.
  registerShellIpc(
    {
      'shell:get-identity': () => ({
        shell: 'electron',
        appVersion: app.getVersion(),
        role: config.role,
        kioskId: config.kioskId ?? null,
        serverOrigin: origin,
      }),
      'shell:get-status': () => status.current(),
      'shell:heartbeat': () => {
        shellWindow?.watchdog.heartbeat();
        return { ok: true };
      },
      'shell:admin-exit': ({ pin }) => {
        const result = gate.attempt(pin);
        logger.warn({ outcome: result.outcome }, 'admin exit attempt'); // never the PIN
        if (result.outcome === 'exiting') quitForAdmin();
        return result;
      },
      'shell:admin-unlock': ({ pin }) => {
        const result = gate.unlock(pin);
        logger.warn({ outcome: result.outcome }, 'facilities PIN attempt'); // never the PIN
        return result;
      },
      'shell:admin-action': ({ action }) => {
        if (action === 'close') {
          gate.lockPanel();
          return { outcome: 'done' };
        }
        if (!gate.useUnlocked()) {
          logger.warn({ action }, 'facilities action refused: panel not unlocked');
          return { outcome: 'needs-pin' };
        }
        logger.warn({ action }, 'facilities action');
        if (action === 'exit') quitForAdmin();
        else setTimeout(() => shellWindow?.window.webContents.reloadIgnoringCache(), 200);
        return { outcome: 'done' };
      },
    },
    {
      anchor: { appOrigin: origin, isTrustedWebContents: (id) => trustedIds.has(id) },
      onRefused: (channel, reason, sender) => {
        // Chromium's own error page (hub unreachable) runs the preload too; its heartbeats are expected noise.
        if (channel === 'shell:heartbeat' && sender.frame?.url.startsWith('chrome-error:')) return;
        logger.warn(
          { channel, reason, url: sender.frame?.url.slice(0, 200), webContents: sender.webContentsId },
          'IPC call refused',
        );
      },
    },
  );

  const shell = createShellWindow({
    plan,
    startUrl: `${origin}${plan.startPath}`,
    preloadPath: join(appRoot, 'dist-electron', 'preload.cjs'),
    // Never in a packaged build, whatever the config says.
    devTools: config.devTools && !app.isPackaged,
    watchdogPolicy: {
      ...defaultWatchdogPolicy,
      heartbeatTimeoutMs: config.watchdog.heartbeatTimeoutSeconds * 1000,
      unresponsiveGraceMs: config.watchdog.unresponsiveGraceSeconds * 1000,
      maxBackoffMs: config.watchdog.maxBackoffSeconds * 1000,
    },
    logger,
    isQuitting: () => quitting,
    onRestart: (reason, at) => status.restartCounted(reason, at),
  });
  shellWindow = shell;
  // Synchronous with creation: no page can have sent anything from this webContents yet.
  trustedIds.add(shell.window.webContents.id);
  status.onChange((current) => pushToWindow(shell.window.webContents, 'shell:status-changed', current));

  if (plan.locked) powerSaveBlocker.start('prevent-display-sleep');
  await startUpdater(config.updates, {
    logger,
    onStatus: (update) => status.updateChanged(update),
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    paymentOpen: () => connection?.paymentOpen?.() ?? false,
    beforeInstall: () => {
      quitting = true;
    },
  });
  logger.info({ origin, role: config.role, startPath: plan.startPath, mode: connection.mode }, 'shell ready');
}
