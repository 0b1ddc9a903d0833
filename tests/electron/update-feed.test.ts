/** Which builds a machine takes: its ring, or one pinned version; never while a payment is open. */
import { describe, expect, it } from 'vitest';
import { parseShellConfig, ShellConfigError } from '../../electron/config/shell-config.js';
import { updateFeedFor } from '../../electron/policy/update-feed.js';
import { mayInstallUpdate } from '../../electron/policy/update-window.js';

const url = 'https://hub.office.internal:8080/updates';

describe('update feed', () => {
  it('reads its ring’s file, so facilities choose which machines take a build first', () => {
    expect(updateFeedFor({ url, ring: 'pilot' })).toEqual({ url: `${url}/`, channel: 'pilot', allowDowngrade: true });
    expect(updateFeedFor({ url: `${url}/`, ring: 'office' }).channel).toBe('office');
    expect(updateFeedFor({ url, ring: 'all' }).channel).toBe('latest');
  });

  it('stays on a pinned version whatever the rings say, and may go back to it', () => {
    expect(updateFeedFor({ url, ring: 'pilot', pinVersion: '1.4.2' })).toEqual({
      url: `${url}/pinned/1.4.2/`,
      channel: 'latest',
      allowDowngrade: true,
    });
  });

  it('takes the ring from the shell config (default "all") and names a pin that is not a version', () => {
    const base = { role: 'kiosk', kioskId: 'kiosk-1', server: { mode: 'agent' } };
    const config = parseShellConfig({ ...base, updates: { url } }, 'shell.json');
    expect(config.updates?.ring).toBe('all');
    const refused = (() => {
      try {
        parseShellConfig({ ...base, updates: { url, pinVersion: 'latest' } }, 'shell.json');
      } catch (error) {
        if (error instanceof ShellConfigError) return error.problems;
        throw error;
      }
      return [];
    })();
    expect(refused).toEqual(['"updates.pinVersion": a version like "1.4.2"']);
  });

  it('never installs while a payment is open, even idle inside the window', () => {
    const window = { from: '02:00', to: '05:00', timeZone: 'Europe/London' };
    const at = new Date('2026-01-15T03:00:00Z');
    expect(mayInstallUpdate({ at, window, idleSeconds: 900, minIdleSeconds: 300, paymentOpen: false })).toBe(true);
    expect(mayInstallUpdate({ at, window, idleSeconds: 900, minIdleSeconds: 300, paymentOpen: true })).toBe(false);
  });
});
