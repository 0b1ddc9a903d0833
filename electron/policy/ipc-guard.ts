/**
 * Every IPC handler goes through here: the sender must be the app's own page in a window the shell
 * trusts, and the payload must match the channel's schema in contract/ipc.ts. Plain Node (no
 * electron import) so the rules are unit-tested; electron/ipc-main.ts adapts Electron's event.
 */
import type { z } from 'zod';
import { ipcInvoke, type InvokeChannel, type IpcRequest, type IpcResponse } from '../../contract/ipc.js';

/** What we need to know about who sent a message (from IpcMainInvokeEvent). */
export interface IpcSender {
  webContentsId: number;
  /** null when the frame navigated away or was destroyed before the message was handled. */
  frame: { url: string; isMainFrame: boolean } | null;
}

export interface TrustAnchor {
  /** The server origin the screens are loaded from, e.g. http://127.0.0.1:41234. */
  appOrigin: string;
  /** webContents ids of the windows the shell opened itself (the kiosk window). */
  isTrustedWebContents(id: number): boolean;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

export function checkSender(sender: IpcSender, anchor: TrustAnchor): SenderVerdict {
  if (!sender.frame) return { trusted: false, reason: 'the sending frame is gone' };
  if (!sender.frame.isMainFrame) return { trusted: false, reason: 'sent from a sub-frame' };
  const origin = originOf(sender.frame.url);
  if (origin !== anchor.appOrigin)
    return {
      trusted: false,
      reason: `origin ${origin ?? '(unparseable URL)'} is not the app origin ${anchor.appOrigin}`,
    };
  if (!anchor.isTrustedWebContents(sender.webContentsId))
    return { trusted: false, reason: `webContents ${sender.webContentsId} is not a shell window` };
  return { trusted: true };
}

export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // file:, data:, about: and friends have an opaque origin ("null"): never ours.
    return parsed.origin === 'null' ? null : parsed.origin;
  } catch {
    return null;
  }
}

/** A refused call: the renderer sees only the channel and a short reason; the log sees the sender. */
export class IpcRefusedError extends Error {
  constructor(
    readonly channel: string,
    readonly reason: string,
  ) {
    super(`IPC ${channel} refused: ${reason}`);
    this.name = 'IpcRefusedError';
  }
}

/** Names the first field at fault, the same way the HTTP API does ("pin": the PIN is 4 to 12 digits). */
export function describeSchemaError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the payload is not valid';
  const field = issue.path.length > 0 ? `"${issue.path.join('.')}": ` : 'the payload: ';
  return `${field}${issue.message}`;
}

export type InvokeHandler<C extends InvokeChannel> = (
  request: IpcRequest<C>,
  sender: IpcSender,
) => IpcResponse<C> | Promise<IpcResponse<C>>;

export interface GuardOptions {
  anchor: TrustAnchor;
  /** Called for every refused call (wrong sender or bad payload), for the log. */
  onRefused?: (channel: string, reason: string, sender: IpcSender) => void;
}

/**
 * Wraps a handler: checks the sender, then the request schema, calls the handler, then checks its
 * answer against the response schema (a handler bug must not put an off-contract value in a screen).
 */
export function guardInvoke<C extends InvokeChannel>(
  channel: C,
  handler: InvokeHandler<C>,
  options: GuardOptions,
): (sender: IpcSender, payload: unknown) => Promise<IpcResponse<C>> {
  const schemas = ipcInvoke[channel];
  return async (sender, payload) => {
    const verdict = checkSender(sender, options.anchor);
    if (!verdict.trusted) {
      options.onRefused?.(channel, verdict.reason, sender);
      throw new IpcRefusedError(channel, verdict.reason);
    }
    const parsed = schemas.request.safeParse(payload);
    if (!parsed.success) {
      const reason = describeSchemaError(parsed.error);
      options.onRefused?.(channel, reason, sender);
      throw new IpcRefusedError(channel, reason);
    }
    const answer = await handler(parsed.data as IpcRequest<C>, sender);
    return schemas.response.parse(answer) as IpcResponse<C>;
  };
}
