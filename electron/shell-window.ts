/**
 * The shell's one window (kiosk, display, desk or hub screen) and its watchdog wiring.
 * webPreferences are the lockdown; docs/electron.md lists each one and why.
 */
import { BrowserWindow } from 'electron';
import type { Logger } from 'pino';
import type { WindowPlan } from './config/window-plan.js';
import { isBlockedShortcut } from './policy/shortcuts.js';
import { RendererWatchdog, type WatchdogPolicy } from './policy/watchdog.js';
import type { RestartReason } from '../contract/ipc.js';

export interface ShellWindowOptions {
  plan: WindowPlan;
  startUrl: string;
  preloadPath: string;
  devTools: boolean;
  watchdogPolicy: WatchdogPolicy;
  logger: Logger;
  /** True while the shell is quitting on purpose (admin exit, update): locked windows may close. */
  isQuitting: () => boolean;
  onRestart: (reason: RestartReason, at: Date) => void;
}

export interface ShellWindow {
  window: BrowserWindow;
  watchdog: RendererWatchdog;
}

const errAborted = -3; // a navigation replaced by another: not a failure

export function createShellWindow(options: ShellWindowOptions): ShellWindow {
  const { plan, logger } = options;
  const window = new BrowserWindow({
    show: false,
    backgroundColor: '#000000',
    width: 1280,
    height: 1024,
    kiosk: plan.locked,
    fullscreen: plan.locked,
    frame: !plan.locked,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: options.devTools,
      // The heartbeat timer must not be throttled, or a covered window would look hung.
      backgroundThrottling: false,
    },
  });
  const contents = window.webContents;
  window.once('ready-to-show', () => window.show());

  if (plan.locked) {
    window.on('close', (event) => {
      if (!options.isQuitting()) {
        event.preventDefault();
        logger.warn('window close refused (locked kiosk)');
      }
    });
    contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  }
  if (plan.blockShortcuts) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input)) event.preventDefault();
    });
  }

  const load = () => {
    window.loadURL(options.startUrl).catch(() => undefined); // failures arrive as did-fail-load
  };
  const watchdog = new RendererWatchdog(
    {
      reload: () => {
        logger.info({ url: options.startUrl }, 'reloading the screen');
        load();
      },
      crashRenderer: () => {
        logger.warn('renderer hung: crashing it so it can be reloaded');
        if (!contents.isDestroyed()) contents.forcefullyCrashRenderer();
      },
      restartScheduled: ({ reason, consecutiveFailures, delayMs, at }) => {
        logger.error({ reason, consecutiveFailures, delayMs }, 'screen will be reloaded');
        options.onRestart(reason, new Date(at));
      },
    },
    options.watchdogPolicy,
  );
  contents.on('render-process-gone', (_event, details) => {
    logger.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer process gone');
    watchdog.processGone(details.reason);
  });
  contents.on('unresponsive', () => {
    logger.warn('renderer unresponsive');
    watchdog.unresponsive();
  });
  contents.on('responsive', () => watchdog.responsive());
  contents.on('did-finish-load', () => watchdog.pageLoaded());
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedUrl, isMainFrame) => {
    if (!isMainFrame || errorCode === errAborted) return;
    logger.error({ errorCode, errorDescription, url: validatedUrl }, 'screen failed to load');
    watchdog.loadFailed();
  });
  window.on('closed', () => watchdog.stop());

  watchdog.start();
  load();
  return { window, watchdog };
}
