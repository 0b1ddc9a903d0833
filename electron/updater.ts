/**
 * The updater hook. electron-updater (generic provider: a folder of latest*.yml + AppImage/exe on any
 * web server inside the council network) is loaded only if the build ships it; the repository does
 * not depend on it so `npm install` stays light. Staged rollout is the server's business:
 * `stagingPercentage` in latest*.yml (docs/operations.md). A downloaded update is installed only
 * inside the maintenance window and when nobody is using the kiosk (policy/update-window.ts).
 */
import type { Logger } from 'pino';
import type { UpdateStatus } from '../contract/ipc.js';
import type { ShellConfig } from './config/shell-config.js';
import { updateFeedFor } from './policy/update-feed.js';
import { mayInstallUpdate } from './policy/update-window.js';

/** The part of electron-updater's AppUpdater we use. */
interface AppUpdaterLike {
  autoDownload: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

function isAppUpdater(value: unknown): value is AppUpdaterLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppUpdaterLike).checkForUpdates === 'function' &&
    typeof (value as AppUpdaterLike).quitAndInstall === 'function'
  );
}

export interface UpdaterHooks {
  logger: Logger;
  onStatus(status: UpdateStatus): void;
  /** powerMonitor.getSystemIdleTime() */
  idleSeconds(): number;
  /** A payment is open on this machine (the in-process kiosk agent's terminal); false elsewhere. */
  paymentOpen(): boolean;
  /** Mark the shell as quitting on purpose before quitAndInstall (so locked windows may close). */
  beforeInstall(): void;
}

export async function startUpdater(updates: ShellConfig['updates'], hooks: UpdaterHooks): Promise<() => void> {
  if (!updates) {
    hooks.onStatus({ state: 'disabled' });
    return () => undefined;
  }
  let updater: AppUpdaterLike;
  try {
    // A variable specifier keeps bundlers and the type check from requiring the package.
    const specifier = 'electron-updater';
    const loaded: unknown = await import(specifier);
    const candidate =
      (loaded as { autoUpdater?: unknown; default?: { autoUpdater?: unknown } }).autoUpdater ??
      (loaded as { default?: { autoUpdater?: unknown } }).default?.autoUpdater;
    if (!isAppUpdater(candidate)) throw new Error('electron-updater has no autoUpdater');
    updater = candidate;
  } catch (error) {
    hooks.logger.warn({ err: error }, 'updates configured but electron-updater is not in this build; updates disabled');
    hooks.onStatus({ state: 'error', message: 'electron-updater is not included in this build' });
    return () => undefined;
  }

  updater.autoDownload = true;
  // Never install on an unplanned quit (a crash restart must come straight back).
  updater.autoInstallOnAppQuit = false;
  const feed = updateFeedFor(updates);
  updater.setFeedURL({ provider: 'generic', url: feed.url });
  updater.channel = feed.channel;
  updater.allowDowngrade = feed.allowDowngrade;
  hooks.logger.info({ feed: feed.url, channel: feed.channel, pinned: updates.pinVersion ?? null }, 'updates from');
  let ready: string | null = null;
  updater.on('update-available', (info) => hooks.logger.info({ info }, 'update available'));
  updater.on('download-progress', (progress) => {
    const percent = Math.max(0, Math.min(100, Number((progress as { percent?: number }).percent ?? 0)));
    hooks.onStatus({ state: 'downloading', version: 'next', percent });
  });
  updater.on('update-downloaded', (info) => {
    ready = String((info as { version?: string }).version ?? 'next');
    hooks.logger.info({ version: ready }, 'update downloaded; waiting for the maintenance window');
    hooks.onStatus({ state: 'ready', version: ready });
  });
  updater.on('update-not-available', () => hooks.onStatus({ state: 'idle', checkedAt: new Date().toISOString() }));
  updater.on('error', (error) => {
    hooks.logger.error({ err: error }, 'update failed');
    hooks.onStatus({ state: 'error', message: String((error as Error)?.message ?? error).slice(0, 200) });
  });

  const check = () =>
    updater.checkForUpdates().catch((error: unknown) => hooks.logger.warn({ err: error }, 'update check failed'));
  const checkTimer = setInterval(() => void check(), updates.checkEveryMinutes * 60_000);
  const installTimer = setInterval(() => {
    if (!ready) return;
    if (
      !mayInstallUpdate({
        at: new Date(),
        window: updates.maintenanceWindow,
        idleSeconds: hooks.idleSeconds(),
        minIdleSeconds: updates.minIdleSeconds,
        paymentOpen: hooks.paymentOpen(),
      })
    )
      return;
    hooks.logger.info({ version: ready }, 'installing update and restarting');
    hooks.beforeInstall();
    updater.quitAndInstall(true, true);
  }, 60_000);
  void check();
  return () => {
    clearInterval(checkTimer);
    clearInterval(installTimer);
  };
}
