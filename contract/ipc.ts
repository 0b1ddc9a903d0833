/**
 * The Electron IPC contract: ONE map of channel → request and response schemas, used by the preload
 * bridge (electron/preload.ts), the main-process handlers (electron/ipc-main.ts) and, for its types,
 * the renderer (`window.kiosk`). IPC is only for shell-level things; the screens talk to the server
 * over HTTP and the events WebSocket (renderer/shared/api-client.ts), which is why device states,
 * tickets and payments are not here.
 *
 * No Node or Electron imports: the renderer type-checks against this file.
 */
import { z } from 'zod';

export const ShellRole = z.enum(['kiosk', 'desk', 'display', 'hub']);
export type ShellRole = z.infer<typeof ShellRole>;

export const ShellIdentity = z.strictObject({
  shell: z.literal('electron'),
  appVersion: z.string(),
  role: ShellRole,
  /** The kiosk id from the site config; null for desk, display and hub roles. */
  kioskId: z.string().nullable(),
  /** Origin of the server the screens talk to, e.g. http://127.0.0.1:41234. */
  serverOrigin: z.string(),
});
export type ShellIdentity = z.infer<typeof ShellIdentity>;

export const RestartReason = z.enum([
  'crashed',
  'oom',
  'killed',
  'abnormal-exit',
  'launch-failed',
  'integrity-failure',
  'memory-eviction',
  'clean-exit',
  'unresponsive',
  'heartbeat-missed',
  'load-failed',
]);
export type RestartReason = z.infer<typeof RestartReason>;

export const UpdateStatus = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('disabled') }),
  z.strictObject({ state: z.literal('idle'), checkedAt: z.iso.datetime().nullable() }),
  z.strictObject({ state: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100) }),
  /** Downloaded; installed at the next quiet moment inside the maintenance window. */
  z.strictObject({ state: z.literal('ready'), version: z.string() }),
  z.strictObject({ state: z.literal('error'), message: z.string() }),
]);
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const ShellStatus = z.strictObject({
  startedAt: z.iso.datetime(),
  /** Renderer reloads since the shell started (crash, hang, missed heartbeat, failed load). */
  rendererRestarts: z.number().int().nonnegative(),
  lastRestart: z.strictObject({ reason: RestartReason, at: z.iso.datetime() }).nullable(),
  update: UpdateStatus,
});
export type ShellStatus = z.infer<typeof ShellStatus>;

export const AdminExitResult = z.discriminatedUnion('outcome', [
  /** The shell quits (exit code 0) so facilities reach the OS; the OS session decides what follows. */
  z.strictObject({ outcome: z.literal('exiting') }),
  z.strictObject({ outcome: z.literal('wrong-pin'), attemptsLeft: z.number().int().nonnegative() }),
  z.strictObject({ outcome: z.literal('locked'), retryAfterSeconds: z.number().int().positive() }),
  /** No admin PIN in the shell config: the only way out is the OS (see docs/operations.md). */
  z.strictObject({ outcome: z.literal('disabled') }),
]);
export type AdminExitResult = z.infer<typeof AdminExitResult>;

/** The facilities PIN pad: the same PIN and lockout as the exit; opens the facilities panel for a while. */
export const AdminUnlockResult = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('unlocked'), forSeconds: z.number().int().positive() }),
  z.strictObject({ outcome: z.literal('wrong-pin'), attemptsLeft: z.number().int().nonnegative() }),
  z.strictObject({ outcome: z.literal('locked'), retryAfterSeconds: z.number().int().positive() }),
  z.strictObject({ outcome: z.literal('disabled') }),
]);
export type AdminUnlockResult = z.infer<typeof AdminUnlockResult>;

/** What the facilities panel may ask of the shell; each needs an unlocked panel (a right PIN, recently). */
export const AdminAction = z.enum(['reload', 'exit', 'close']);
export type AdminAction = z.infer<typeof AdminAction>;
export const AdminActionResult = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('done') }),
  /** The panel's time ran out (or it was never opened): enter the PIN again. */
  z.strictObject({ outcome: z.literal('needs-pin') }),
]);
export type AdminActionResult = z.infer<typeof AdminActionResult>;

const PinRequest = z.strictObject({ pin: z.string().regex(/^\d{4,12}$/, 'the PIN is 4 to 12 digits') });

export const Heartbeat = z.strictObject({
  /** document.visibilityState === 'visible' when sent. */
  visible: z.boolean(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

const NoPayload = z.undefined();

/** Renderer → main, answered (ipcRenderer.invoke / ipcMain.handle). */
export const ipcInvoke = {
  'shell:get-identity': { request: NoPayload, response: ShellIdentity },
  'shell:get-status': { request: NoPayload, response: ShellStatus },
  /** Sent by the preload itself every few seconds: proof the renderer's main thread is alive. */
  'shell:heartbeat': { request: Heartbeat, response: z.strictObject({ ok: z.literal(true) }) },
  'shell:admin-exit': { request: PinRequest, response: AdminExitResult },
  'shell:admin-unlock': { request: PinRequest, response: AdminUnlockResult },
  'shell:admin-action': { request: z.strictObject({ action: AdminAction }), response: AdminActionResult },
} as const;
export type InvokeChannel = keyof typeof ipcInvoke;
export type IpcRequest<C extends InvokeChannel> = z.input<(typeof ipcInvoke)[C]['request']>;
export type IpcResponse<C extends InvokeChannel> = z.output<(typeof ipcInvoke)[C]['response']>;

/** Main → renderer, no answer (webContents.send / ipcRenderer.on). */
export const ipcPush = {
  'shell:status-changed': ShellStatus,
} as const;
export type PushChannel = keyof typeof ipcPush;
export type IpcPush<C extends PushChannel> = z.output<(typeof ipcPush)[C]>;

export const invokeChannels = Object.keys(ipcInvoke) as InvokeChannel[];
export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(ipcInvoke, channel);
}

/** What the preload exposes as `window.kiosk` (one typed method per message). */
export interface KioskBridge {
  getIdentity(): Promise<ShellIdentity>;
  getShellStatus(): Promise<ShellStatus>;
  /** Leave the kiosk (facilities): the PIN is checked in the main process, with a lockout. */
  openAdminExit(pin: string): Promise<AdminExitResult>;
  /** The facilities PIN pad: checked in the main process, same lockout as the exit. */
  unlockAdmin(pin: string): Promise<AdminUnlockResult>;
  /** Reload the screen, exit, or close the facilities panel; refused once the panel's time is up. */
  adminAction(action: AdminAction): Promise<AdminActionResult>;
  /** Called on every status change (restart counted, update downloaded, ...); returns unsubscribe. */
  onShellStatus(listener: (status: ShellStatus) => void): () => void;
}
export const kioskBridgeKey = 'kiosk';
