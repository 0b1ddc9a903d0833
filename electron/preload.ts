/**
 * The preload bridge (runs sandboxed, bundled to CommonJS by scripts/build-electron.mjs). Exposes
 * `window.kiosk`: one typed method per message of contract/ipc.ts, never ipcRenderer itself, never
 * an Electron event object. Answers are checked against the contract before the page sees them.
 * It also sends the watchdog heartbeat: a timer here runs on the renderer's main thread, so when the
 * page's JavaScript hangs the heartbeats stop.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  ipcInvoke,
  ipcPush,
  kioskBridgeKey,
  type AdminAction,
  type InvokeChannel,
  type IpcRequest,
  type IpcResponse,
  type KioskBridge,
  type ShellStatus,
} from '../contract/ipc.js';

const heartbeatEveryMs = 5_000;

async function invoke<C extends InvokeChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
  const answer: unknown = await ipcRenderer.invoke(channel, request);
  return ipcInvoke[channel].response.parse(answer) as IpcResponse<C>;
}

const bridge: KioskBridge = {
  getIdentity: () => invoke('shell:get-identity', undefined),
  getShellStatus: () => invoke('shell:get-status', undefined),
  openAdminExit: (pin: string) => invoke('shell:admin-exit', { pin }),
  unlockAdmin: (pin: string) => invoke('shell:admin-unlock', { pin }),
  adminAction: (action: AdminAction) => invoke('shell:admin-action', { action }),
  onShellStatus: (listener: (status: ShellStatus) => void) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => {
      const parsed = ipcPush['shell:status-changed'].safeParse(payload);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on('shell:status-changed', forward);
    return () => {
      ipcRenderer.removeListener('shell:status-changed', forward);
    };
  },
};

contextBridge.exposeInMainWorld(kioskBridgeKey, bridge);

function beat(): void {
  // A refused or failed beat is the main process's business (it logs); nothing to show here.
  // The Node type check has no DOM lib; the preload runs in a page, where document exists.
  const page = globalThis as { document?: { visibilityState?: string } };
  invoke('shell:heartbeat', { visible: page.document?.visibilityState === 'visible' }).catch(() => undefined);
}
beat();
setInterval(beat, heartbeatEveryMs);
