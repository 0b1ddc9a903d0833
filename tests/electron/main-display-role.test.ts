/** electron/main.ts as a lobby display pointing at a site hub (recording electron module; see main-wiring.test.ts). */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recorder, RecordingBrowserWindow } from './support/recording-electron.js';

vi.mock('electron', async () => (await import('./support/recording-electron.js')).electronModule());

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shell-display-'));
  writeFileSync(
    join(dir, 'shell.json'),
    JSON.stringify({ role: 'display', server: { mode: 'hub', url: 'https://hub.area-north.council.internal:8443' } }),
  );
  process.env.KIOSK_SHELL_CONFIG = join(dir, 'shell.json');
  process.env.LOG_LEVEL = 'error';
  recorder.reset(process.cwd(), join(dir, 'appData'));
  await import('../../electron/main.js');
  recorder.app.becomeReady();
  await vi.waitFor(() => expect(RecordingBrowserWindow.all[0]?.webContents.loaded).toHaveLength(1), {
    timeout: 10_000,
  });
});
afterAll(() => {
  delete process.env.KIOSK_SHELL_CONFIG;
  rmSync(dir, { recursive: true, force: true });
});

it('shows the lobby board from the hub, locked, allowed to chime and speak without a touch', async () => {
  const [window] = RecordingBrowserWindow.all;
  expect(window!.webContents.loaded).toEqual(['https://hub.area-north.council.internal:8443/display']);
  expect(window!.options).toMatchObject({ kiosk: true, fullscreen: true });
  expect(recorder.app.switches).toContainEqual(['autoplay-policy', 'no-user-gesture-required']);
  const identity = await recorder.ipcHandlers.get('shell:get-identity')!(
    {
      sender: { id: window!.webContents.id },
      senderFrame: {
        url: 'https://hub.area-north.council.internal:8443/display',
        parent: null,
        isDestroyed: () => false,
      },
    },
    undefined,
  );
  expect(identity).toMatchObject({
    role: 'display',
    kioskId: null,
    serverOrigin: 'https://hub.area-north.council.internal:8443',
  });
});
