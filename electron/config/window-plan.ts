/** What window a role gets: which screen, and how locked down. */
import type { ShellConfig } from './shell-config.js';

export interface WindowPlan {
  /** Path and query on the server origin. */
  startPath: string;
  /** BrowserWindow `kiosk` + `fullscreen`, no frame, cannot be closed by the user. */
  locked: boolean;
  /** Block reload, devtools, zoom, print and history keys (electron/policy/shortcuts.ts). */
  blockShortcuts: boolean;
}

export function planWindow(config: ShellConfig): WindowPlan {
  switch (config.role) {
    case 'kiosk':
      return {
        startPath: `/kiosk?kiosk=${encodeURIComponent(config.kioskId ?? '')}`,
        locked: true,
        blockShortcuts: true,
      };
    case 'display':
      return { startPath: '/display', locked: true, blockShortcuts: true };
    case 'desk':
      // Staffed PC: a normal window; staff may zoom and reload.
      return { startPath: '/staff', locked: false, blockShortcuts: false };
    case 'hub':
      return { startPath: '/reports', locked: false, blockShortcuts: false };
  }
}
