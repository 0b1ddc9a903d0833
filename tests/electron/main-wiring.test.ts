/**
 * electron/main.ts run in plain Node against a recording stand-in for `electron`
 * (support/recording-electron.ts), with the office server really running in-process on a real
 * SQLite file. Checks the wiring the policy tests cannot see: the window main.ts opens and its web
 * preferences, the IPC handlers and their sender checks, the session handlers, the watchdog hooked
 * to the window's events, and a clean server shutdown on quit.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recorder, RecordingBrowserWindow } from './support/recording-electron.js';

vi.mock('electron', async () => (await import('./support/recording-electron.js')).electronModule());

const site = {
  site: { id: 'guildhall', name: 'Guildhall reception', councilName: 'Test City Council' },
  services: [{ id: 'housing', name: 'Housing', prefix: 'H' }],
  desks: [{ id: 'desk-1', name: 'Desk 1' }],
  kiosks: [{ id: 'kiosk-1', name: 'Entrance kiosk' }],
};

let dir: string;
let window: RecordingBrowserWindow;
let origin: string;

const trustedEvent = (url: string) => ({
  sender: { id: window.webContents.id },
  senderFrame: { url, parent: null, isDestroyed: () => false },
});
const invoke = (channel: string, event: unknown, payload?: unknown) =>
  Promise.resolve(recorder.ipcHandlers.get(channel)!(event, payload));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shell-main-'));
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site));
  writeFileSync(
    join(dir, 'shell.json'),
    JSON.stringify({
      role: 'kiosk',
      kioskId: 'kiosk-1',
      server: { mode: 'embedded', siteConfig: 'site.json', dataDir: 'data' },
      watchdog: { maxBackoffSeconds: 1 },
    }),
  );
  process.env.KIOSK_SHELL_CONFIG = join(dir, 'shell.json');
  process.env.LOG_LEVEL = 'error';
  recorder.reset(process.cwd(), join(dir, 'appData'));
  await import('../../electron/main.js');
  recorder.app.becomeReady();
  await vi.waitFor(() => expect(RecordingBrowserWindow.all[0]?.webContents.loaded).toHaveLength(1), {
    timeout: 15_000,
  });
  window = RecordingBrowserWindow.all[0]!;
  origin = new URL(window.webContents.loaded[0]!).origin;
});

afterAll(() => {
  delete process.env.KIOSK_SHELL_CONFIG;
  rmSync(dir, { recursive: true, force: true });
});

describe('the shell started by electron/main.ts', () => {
  it('locks down before anything loads: sandbox for all renderers, one instance, its own data folder', () => {
    expect(recorder.app.sandboxEnabled).toBe(true);
    expect(recorder.app.lockRequested).toBe(true);
    expect(recorder.app.getPath('userData')).toBe(join(dir, 'appData', 'Reception Kiosk'));
    expect(recorder.menu).toBeNull();
  });

  it('opens one locked kiosk window on its own in-process server, with the lockdown web preferences', async () => {
    expect(RecordingBrowserWindow.all).toHaveLength(1);
    expect(window.webContents.loaded[0]).toBe(`${origin}/kiosk?kiosk=kiosk-1`);
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, show: false });
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      preload: join(process.cwd(), 'dist-electron', 'preload.cjs'),
    });
    expect(window.webContents.zoomLimits).toEqual([1, 1]);
    expect(recorder.powerSaveBlocks).toEqual(['prevent-display-sleep']);
    // The server really runs, with its SQLite file in the configured data folder.
    const services = await fetch(`${origin}/api/services`);
    expect(((await services.json()) as { id: string }[]).map((service) => service.id)).toEqual(['housing']);
    expect(existsSync(join(dir, 'data', 'reception.sqlite'))).toBe(true);
  });

  it('answers the kiosk page over IPC and refuses anyone else', async () => {
    await expect(invoke('shell:get-identity', trustedEvent(`${origin}/kiosk?kiosk=kiosk-1`))).resolves.toEqual({
      shell: 'electron',
      appVersion: '0.1.0',
      role: 'kiosk',
      kioskId: 'kiosk-1',
      serverOrigin: origin,
    });
    await expect(invoke('shell:get-identity', trustedEvent('https://evil.example/'))).rejects.toThrow(
      /refused: origin https:\/\/evil.example/,
    );
    await expect(
      invoke('shell:get-identity', { ...trustedEvent(`${origin}/kiosk`), sender: { id: 9999 } }),
    ).rejects.toThrow(/not a shell window/);
    await expect(invoke('shell:admin-exit', trustedEvent(`${origin}/kiosk`), { pin: '1234' })).resolves.toEqual({
      outcome: 'disabled',
    });
    expect(recorder.app.quitCalls).toBe(0);
  });

  it('wires the facilities channels: no panel without a right PIN, and no call from elsewhere', async () => {
    const kiosk = trustedEvent(`${origin}/kiosk?kiosk=kiosk-1`);
    await expect(invoke('shell:admin-unlock', kiosk, { pin: '1234' })).resolves.toEqual({ outcome: 'disabled' });
    await expect(invoke('shell:admin-action', kiosk, { action: 'exit' })).resolves.toEqual({ outcome: 'needs-pin' });
    await expect(invoke('shell:admin-action', kiosk, { action: 'reload' })).resolves.toEqual({
      outcome: 'needs-pin',
    });
    await expect(
      invoke('shell:admin-action', trustedEvent('https://evil.example/'), { action: 'exit' }),
    ).rejects.toThrow(/refused/);
    await expect(invoke('shell:admin-action', kiosk, { action: 'close' })).resolves.toEqual({ outcome: 'done' });
    expect(recorder.app.quitCalls).toBe(0);
  });

  it('denies permissions and off-origin navigation, and adds the shell CSP', () => {
    const answers: boolean[] = [];
    recorder.session.permissionRequest!({}, 'media', (granted) => answers.push(granted), {
      requestingUrl: `${origin}/kiosk`,
    });
    recorder.session.permissionRequest!({}, 'fullscreen', (granted) => answers.push(granted), {
      requestingUrl: `${origin}/kiosk`,
    });
    expect(answers).toEqual([false, true]);
    expect(recorder.session.devicePermission!()).toBe(false);

    let prevented = 0;
    const event = { preventDefault: () => (prevented += 1) };
    window.webContents.emit('will-navigate', event, 'https://www.example.com/');
    window.webContents.emit('will-navigate', event, `${origin}/staff`);
    window.webContents.emit('will-navigate', event, `${origin}/kiosk?lang=pl`);
    expect(prevented).toBe(2);
    expect(window.webContents.windowOpenHandler!({ url: `${origin}/kiosk` })).toEqual({ action: 'deny' });

    let headers: Record<string, string[]> = {};
    recorder.session.headers!(
      { url: `${origin}/kiosk`, responseHeaders: {} },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
  });

  it('reloads the kiosk screen after the renderer crashes, and tells the page', async () => {
    window.webContents.emit('did-finish-load');
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    await vi.waitFor(() => expect(window.webContents.loaded).toHaveLength(2), { timeout: 8_000 });
    expect(window.webContents.loaded[1]).toBe(`${origin}/kiosk?kiosk=kiosk-1`);
    await expect(invoke('shell:get-status', trustedEvent(`${origin}/kiosk`))).resolves.toMatchObject({
      rendererRestarts: 1,
      lastRestart: { reason: 'crashed' },
    });
    expect(window.webContents.sent.at(-1)).toMatchObject({
      channel: 'shell:status-changed',
      payload: { rendererRestarts: 1 },
    });
  });

  it('refuses to close the locked window, and on quit closes the server', async () => {
    let prevented = false;
    window.emit('close', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);

    recorder.app.quit();
    await vi.waitFor(() => expect(recorder.app.quitCalls).toBe(2), { timeout: 5_000 });
    await expect(fetch(`${origin}/api/services`)).rejects.toThrow();
  });
});
