/**
 * A recording stand-in for the `electron` module, for the one test that runs electron/main.ts in
 * plain Node (the Electron binary cannot be installed on the build machine). It does nothing
 * Electron would do on screen; it records what main.ts asks for (windows and their web preferences,
 * IPC handlers, session handlers, switches) and lets the test fire the events Electron would fire.
 * The window behaviour itself is covered by tests/electron/kiosk-window.spec.ts with real Electron.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: never[]) => unknown;

export class RecordingWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = RecordingWebContents.nextId++;
  readonly loaded: string[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  crashed = 0;
  zoomLimits: [number, number] | null = null;
  readonly sent: { channel: string; payload: unknown }[] = [];
  isDestroyed(): boolean {
    return false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  async setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.zoomLimits = [min, max];
  }
  forcefullyCrashRenderer(): void {
    this.crashed += 1;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

export class RecordingBrowserWindow extends EventEmitter {
  static readonly all: RecordingBrowserWindow[] = [];
  readonly webContents = new RecordingWebContents();
  constructor(readonly options: Record<string, unknown>) {
    super();
    RecordingBrowserWindow.all.push(this);
    recorder.app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.loaded.push(url);
  }
  isDestroyed(): boolean {
    return false;
  }
  show(): void {}
  focus(): void {}
}

class RecordingSession extends EventEmitter {
  permissionRequest:
    | ((
        contents: unknown,
        permission: string,
        callback: (granted: boolean) => void,
        details: { requestingUrl: string },
      ) => void)
    | null = null;
  permissionCheck: ((contents: unknown, permission: string, origin: string) => boolean) | null = null;
  devicePermission: (() => boolean) | null = null;
  headers:
    | ((
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void)
    | null = null;
  setPermissionRequestHandler(handler: RecordingSession['permissionRequest']): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: RecordingSession['permissionCheck']): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: () => boolean): void {
    this.devicePermission = handler;
  }
  setDisplayMediaRequestHandler(): void {}
  readonly webRequest = {
    onHeadersReceived: (handler: RecordingSession['headers']) => {
      this.headers = handler;
    },
  };
}

class RecordingApp extends EventEmitter {
  readonly paths = new Map<string, string>();
  readonly switches: string[][] = [];
  sandboxEnabled = false;
  lockRequested = false;
  quitCalls = 0;
  exitCode: number | null = null;
  name = 'reception-kiosk';
  ready = false;
  isPackaged = false;
  private readonly readyPromise: Promise<void>;
  private markReady!: () => void;
  constructor(
    private readonly appPath: string,
    appData: string,
  ) {
    super();
    this.paths.set('appData', appData);
    this.readyPromise = new Promise((resolve) => (this.markReady = resolve));
  }
  readonly commandLine = { appendSwitch: (...args: string[]) => this.switches.push(args) };
  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    this.lockRequested = true;
    return true;
  }
  setName(name: string): void {
    this.name = name;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    const value = this.paths.get(name);
    if (!value) throw new Error(`no path ${name}`);
    return value;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
  isReady(): boolean {
    return this.ready;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  becomeReady(): void {
    this.ready = true;
    this.markReady();
  }
  quit(): void {
    this.quitCalls += 1;
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('before-quit', event);
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

export const recorder = {
  app: new RecordingApp(process.cwd(), '/tmp'),
  session: new RecordingSession(),
  ipcHandlers: new Map<string, (event: unknown, payload: unknown) => unknown>(),
  menu: 'default' as unknown,
  powerSaveBlocks: [] as string[],
  dialogs: [] as string[],
  reset(appPath: string, appData: string) {
    this.app = new RecordingApp(appPath, appData);
  },
};

export function electronModule() {
  return {
    app: recorder.app,
    BrowserWindow: RecordingBrowserWindow,
    session: { defaultSession: recorder.session },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, payload: unknown) => unknown) =>
        recorder.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => recorder.ipcHandlers.delete(channel),
    },
    Menu: { setApplicationMenu: (menu: unknown) => (recorder.menu = menu) },
    powerSaveBlocker: { start: (type: string) => recorder.powerSaveBlocks.push(type) },
    powerMonitor: { getSystemIdleTime: () => 0 },
    dialog: { showErrorBox: (title: string, message: string) => recorder.dialogs.push(`${title}: ${message}`) },
  };
}
export type { Listener };
