/**
 * The Electron kiosk window, launched for real (Playwright `_electron`): locked down as
 * docs/electron.md says. Runs where Electron's binary is installed and a display exists (xvfb-run on
 * a headless Linux box); elsewhere every test skips and the reason is printed.
 *
 * The office server runs as a separate Node process (the hub fixture) and the shell points at it
 * (server mode "hub"): in a checkout native modules are built for Node, not Electron.
 */
import { _electron as electron, test, expect, type ElectronApplication, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskBridge } from '../../contract/ipc.js';
import { startHub, type Hub } from '../browser/fixtures.js';

function electronUnavailableReason(): string | null {
  try {
    createRequire(import.meta.url)('electron');
  } catch (error) {
    return `Electron binary not installed (${String((error as Error).message).split('\n')[0]})`;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'no display for Electron (run under xvfb-run)';
  return null;
}
const unavailable = electronUnavailableReason();
if (unavailable) console.log(`tests/electron/kiosk-window.spec.ts skipped: ${unavailable}`);
test.skip(unavailable !== null, unavailable ?? '');

/** What the tests touch in the page, typed without the DOM lib. */
type PageGlobals = typeof globalThis & {
  kiosk?: KioskBridge;
  require?: unknown;
  location: { href: string };
  open(url: string): unknown;
  document: { head: { append(node: unknown): void }; createElement(tag: string): { textContent: string } };
  inlineScriptRan?: boolean;
};

const root = process.cwd();
let hub: Hub;
let foreign: Server;
let foreignUrl: string;
let foreignHits = 0;
let app: ElectronApplication;
let page: Page;
let profileDir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  for (const script of ['scripts/build-electron.mjs', 'scripts/ensure-renderer.mjs']) {
    const result = spawnSync(process.execPath, [script], { cwd: root, stdio: 'inherit' });
    expect(result.status, `${script} failed`).toBe(0);
  }
  hub = await startHub();
  foreign = createServer((_request, response) => {
    foreignHits += 1;
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>Somewhere else</title><h1>Not the council</h1>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  const address = foreign.address();
  foreignUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

  profileDir = mkdtempSync(join(tmpdir(), 'kiosk-shell-test-'));
  const shellConfig = join(profileDir, 'shell.json');
  writeFileSync(
    shellConfig,
    JSON.stringify({
      role: 'kiosk',
      kioskId: 'kiosk-1',
      server: { mode: 'hub', url: hub.url },
      watchdog: { heartbeatTimeoutSeconds: 30, unresponsiveGraceSeconds: 5, maxBackoffSeconds: 2 },
    }),
  );
  app = await electron.launch({
    args: [
      root,
      '--shell-config',
      shellConfig,
      `--user-data-dir=${join(profileDir, 'profile')}`,
      '--disable-gpu',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    cwd: root,
    env: { ...process.env, KIOSK_NO_DIALOGS: '1', LOG_LEVEL: 'warn' },
  });
  page = await app.firstWindow();
  await page.waitForURL(`${hub.url}/kiosk**`);
});

test.afterAll(async () => {
  await app?.close();
  await hub?.stop();
  await new Promise<void>((resolve) => (foreign ? foreign.close(() => resolve()) : resolve()));
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

test('the kiosk window is full-screen kiosk mode with no Node in the page', async () => {
  const window = await app.evaluate(({ BrowserWindow }) => {
    const [win] = BrowserWindow.getAllWindows();
    return {
      count: BrowserWindow.getAllWindows().length,
      kiosk: win?.isKiosk(),
      devToolsOpen: win?.webContents.isDevToolsOpened(),
    };
  });
  expect(window).toEqual({ count: 1, kiosk: true, devToolsOpen: false });

  const globals = await page.evaluate(() => {
    const g = globalThis as PageGlobals;
    return {
      require: typeof g.require,
      process: typeof (g as { process?: unknown }).process,
      module: typeof (g as { module?: unknown }).module,
      bridge: Object.keys(g.kiosk ?? {}).sort(),
    };
  });
  // The bridge exists only because contextIsolation is on (contextBridge refuses otherwise).
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    bridge: ['getIdentity', 'getShellStatus', 'onShellStatus', 'openAdminExit'],
  });
});

test('the kiosk page may call the shell and learns who it is', async () => {
  const identity = await page.evaluate(() => (globalThis as PageGlobals).kiosk!.getIdentity());
  expect(identity).toMatchObject({ shell: 'electron', role: 'kiosk', kioskId: 'kiosk-1', serverOrigin: hub.url });
});

test('an inline script is blocked by the content security policy', async () => {
  const ran = await page.evaluate(() => {
    const g = globalThis as PageGlobals;
    const script = g.document.createElement('script');
    script.textContent = 'globalThis.inlineScriptRan = true';
    g.document.head.append(script);
    return g.inlineScriptRan === true;
  });
  expect(ran).toBe(false);
});

test('navigation to another origin, or to the staff console, is blocked', async () => {
  const before = foreignHits;
  for (const target of [foreignUrl, `${hub.url}/staff`]) {
    await page.evaluate((url) => {
      (globalThis as PageGlobals).location.href = url;
    }, target);
    await page.waitForTimeout(1_000);
    expect(page.url(), `navigating to ${target}`).toMatch(new RegExp(`^${hub.url}/kiosk`));
  }
  expect(foreignHits).toBe(before);
});

test('window.open is denied', async () => {
  const opened = await page.evaluate((url) => (globalThis as PageGlobals).open(url) !== null, foreignUrl);
  expect(opened).toBe(false);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('an IPC call from a page of another origin is refused', async () => {
  const preloadPath = join(root, 'dist-electron', 'preload.cjs');
  const opened = app.waitForEvent('window');
  await app.evaluate(
    ({ BrowserWindow }, { preload, url }) => {
      const intruder = new BrowserWindow({
        show: false,
        webPreferences: { preload, sandbox: true, contextIsolation: true },
      });
      void intruder.loadURL(url);
    },
    { preload: preloadPath, url: foreignUrl },
  );
  const intruderPage = await opened;
  await intruderPage.waitForLoadState();
  const outcome = await intruderPage.evaluate(() =>
    (globalThis as PageGlobals).kiosk!.getIdentity().then(
      () => 'answered',
      (error: Error) => error.message,
    ),
  );
  expect(outcome).toMatch(/refused: origin http:\/\/127\.0\.0\.1:\d+ is not the app origin/);
  await app.evaluate(({ BrowserWindow }) => {
    for (const win of BrowserWindow.getAllWindows().slice(1)) win.destroy();
  });
});

test('a crashed renderer is reloaded by the watchdog and the restart is counted', async () => {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
  await expect
    .poll(
      () =>
        app.evaluate(async ({ BrowserWindow }) => {
          const contents = BrowserWindow.getAllWindows()[0]!.webContents;
          if (contents.isCrashed() || contents.isLoading()) return null;
          return (await contents.executeJavaScript('window.kiosk.getShellStatus()')) as {
            rendererRestarts: number;
            lastRestart: { reason: string } | null;
          };
        }),
      { timeout: 20_000 },
    )
    .toMatchObject({ rendererRestarts: 1, lastRestart: { reason: expect.stringMatching(/crashed|killed/) } });
});
