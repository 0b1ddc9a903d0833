/** electron/main.ts with a broken shell config: it must not open a window, and must say which field. */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recorder, RecordingBrowserWindow } from './support/recording-electron.js';

vi.mock('electron', async () => (await import('./support/recording-electron.js')).electronModule());

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shell-bad-'));
  writeFileSync(
    join(dir, 'shell.json'),
    JSON.stringify({ role: 'kiosk', server: { mode: 'hub', url: 'http://hub:8080' } }),
  );
  process.env.KIOSK_SHELL_CONFIG = join(dir, 'shell.json');
  process.env.LOG_LEVEL = 'fatal';
  recorder.reset(process.cwd(), join(dir, 'appData'));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await import('../../electron/main.js');
  recorder.app.becomeReady();
  await vi.waitFor(() => expect(recorder.app.exitCode).not.toBeNull(), { timeout: 10_000 });
});
afterAll(() => {
  delete process.env.KIOSK_SHELL_CONFIG;
  rmSync(dir, { recursive: true, force: true });
});

it('shows the field at fault, exits with code 2 and opens no window', () => {
  expect(recorder.app.exitCode).toBe(2);
  expect(recorder.dialogs).toHaveLength(1);
  expect(recorder.dialogs[0]).toContain('"kioskId": required when "role" is "kiosk"');
  expect(RecordingBrowserWindow.all).toHaveLength(0);
  expect(recorder.ipcHandlers.size).toBe(0);
});
