/**
 * Registers every channel of contract/ipc.ts with ipcMain. Each handler is wrapped by
 * policy/ipc-guard.ts: sender frame must be the app origin's main frame in a shell window, and the
 * payload must match the schema. The rules live (and are tested) there; this file only adapts.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { invokeChannels, ipcPush, type InvokeChannel, type IpcPush, type PushChannel } from '../contract/ipc.js';
import { guardInvoke, type GuardOptions, type InvokeHandler, type IpcSender } from './policy/ipc-guard.js';

export type ShellIpcHandlers = { [C in InvokeChannel]: InvokeHandler<C> };

export function senderOf(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frame: frame && !frame.isDestroyed() ? { url: frame.url, isMainFrame: frame.parent === null } : null,
  };
}

function registerOne<C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>, options: GuardOptions): void {
  const guarded = guardInvoke(channel, handler, options);
  ipcMain.handle(channel, (event, payload: unknown) => guarded(senderOf(event), payload));
}

/** Returns a function that removes the handlers again. */
export function registerShellIpc(handlers: ShellIpcHandlers, options: GuardOptions): () => void {
  for (const channel of invokeChannels)
    registerOne(channel, handlers[channel] as InvokeHandler<typeof channel>, options);
  return () => {
    for (const channel of invokeChannels) ipcMain.removeHandler(channel);
  };
}

export function pushToWindow<C extends PushChannel>(contents: WebContents, channel: C, payload: IpcPush<C>): void {
  if (contents.isDestroyed()) return;
  contents.send(channel, ipcPush[channel].parse(payload));
}
