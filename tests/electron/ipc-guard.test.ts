import { describe, expect, it, vi } from 'vitest';
import {
  checkSender,
  guardInvoke,
  IpcRefusedError,
  type IpcSender,
  type TrustAnchor,
} from '../../electron/policy/ipc-guard.js';
import { ipcInvoke, isInvokeChannel } from '../../contract/ipc.js';

const appOrigin = 'http://127.0.0.1:41234';
const kioskWindowId = 7;
const anchor: TrustAnchor = { appOrigin, isTrustedWebContents: (id) => id === kioskWindowId };
const kioskPage: IpcSender = {
  webContentsId: kioskWindowId,
  frame: { url: `${appOrigin}/kiosk?kiosk=kiosk-1`, isMainFrame: true },
};

describe('who may call the shell over IPC', () => {
  it('trusts the kiosk page in the kiosk window', () => {
    expect(checkSender(kioskPage, anchor)).toEqual({ trusted: true });
  });

  it.each([
    [
      'another origin',
      { ...kioskPage, frame: { url: 'https://evil.example/kiosk', isMainFrame: true } },
      /origin https:\/\/evil.example is not the app origin/,
    ],
    [
      'the same host on another port',
      { ...kioskPage, frame: { url: 'http://127.0.0.1:9999/kiosk', isMainFrame: true } },
      /not the app origin/,
    ],
    [
      'https instead of http',
      { ...kioskPage, frame: { url: 'https://127.0.0.1:41234/kiosk', isMainFrame: true } },
      /not the app origin/,
    ],
    [
      'a file: page',
      { ...kioskPage, frame: { url: 'file:///etc/passwd', isMainFrame: true } },
      /unparseable|not the app origin/,
    ],
    [
      'a data: page',
      { ...kioskPage, frame: { url: 'data:text/html,<h1>x</h1>', isMainFrame: true } },
      /not the app origin/,
    ],
    [
      'a sub-frame, even of our origin',
      { ...kioskPage, frame: { url: `${appOrigin}/kiosk`, isMainFrame: false } },
      /sub-frame/,
    ],
    ['a frame that is gone', { ...kioskPage, frame: null }, /gone/],
    ['a window the shell did not open', { ...kioskPage, webContentsId: 99 }, /webContents 99 is not a shell window/],
  ])('refuses %s', (_name, sender, reason) => {
    const verdict = checkSender(sender, anchor);
    expect(verdict.trusted).toBe(false);
    if (!verdict.trusted) expect(verdict.reason).toMatch(reason);
  });
});

describe('guarded handlers', () => {
  it('answers a trusted, valid call with the handler result', async () => {
    const handler = guardInvoke(
      'shell:admin-exit',
      ({ pin }) => (pin === '2468' ? { outcome: 'exiting' } : { outcome: 'wrong-pin', attemptsLeft: 4 }),
      { anchor },
    );
    await expect(handler(kioskPage, { pin: '2468' })).resolves.toEqual({ outcome: 'exiting' });
    await expect(handler(kioskPage, { pin: '1111' })).resolves.toEqual({ outcome: 'wrong-pin', attemptsLeft: 4 });
  });

  it('refuses a foreign sender without running the handler, and reports it', async () => {
    const body = vi.fn(() => ({ outcome: 'exiting' as const }));
    const onRefused = vi.fn();
    const handler = guardInvoke('shell:admin-exit', body, { anchor, onRefused });
    const foreign: IpcSender = {
      webContentsId: kioskWindowId,
      frame: { url: 'https://evil.example/', isMainFrame: true },
    };
    await expect(handler(foreign, { pin: '2468' })).rejects.toThrow(IpcRefusedError);
    expect(body).not.toHaveBeenCalled();
    expect(onRefused).toHaveBeenCalledWith('shell:admin-exit', expect.stringMatching(/evil\.example/), foreign);
  });

  it('refuses a bad payload, naming the field, without running the handler', async () => {
    const body = vi.fn(() => ({ outcome: 'exiting' as const }));
    const handler = guardInvoke('shell:admin-exit', body, { anchor });
    await expect(handler(kioskPage, { pin: '12ab' })).rejects.toThrow('"pin": the PIN is 4 to 12 digits');
    await expect(handler(kioskPage, { pin: '1234', extra: true })).rejects.toThrow(/unrecognized key|extra/i);
    await expect(handler(kioskPage, 'not an object')).rejects.toThrow(/IPC shell:admin-exit refused/);
    expect(body).not.toHaveBeenCalled();
  });

  it('refuses a payload on a channel that takes none', async () => {
    const handler = guardInvoke(
      'shell:get-status',
      () => ({
        startedAt: new Date().toISOString(),
        rendererRestarts: 0,
        lastRestart: null,
        update: { state: 'disabled' },
      }),
      { anchor },
    );
    await expect(handler(kioskPage, { sneaky: 1 })).rejects.toThrow(/refused/);
    await expect(handler(kioskPage, undefined)).resolves.toMatchObject({ rendererRestarts: 0 });
  });

  it('does not let a handler bug put an off-contract answer on the screen', async () => {
    const handler = guardInvoke('shell:admin-exit', () => ({ outcome: 'opened-anyway' }) as never, { anchor });
    await expect(handler(kioskPage, { pin: '2468' })).rejects.toThrow();
  });
});

describe('the facilities channels', () => {
  const foreign: IpcSender = {
    webContentsId: kioskWindowId,
    frame: { url: 'https://evil.example/', isMainFrame: true },
  };
  const subFrame: IpcSender = { ...kioskPage, frame: { url: `${appOrigin}/kiosk`, isMainFrame: false } };
  const otherWindow: IpcSender = { ...kioskPage, webContentsId: 99 };

  it('lets the kiosk page try a PIN and refuses anything else without checking it', async () => {
    const body = vi.fn(() => ({ outcome: 'unlocked' as const, forSeconds: 120 }));
    const onRefused = vi.fn();
    const handler = guardInvoke('shell:admin-unlock', body, { anchor, onRefused });
    await expect(handler(kioskPage, { pin: '2468' })).resolves.toEqual({ outcome: 'unlocked', forSeconds: 120 });
    expect(body).toHaveBeenCalledTimes(1);
    for (const sender of [foreign, subFrame, otherWindow])
      await expect(handler(sender, { pin: '2468' })).rejects.toThrow(IpcRefusedError);
    expect(body).toHaveBeenCalledTimes(1);
    expect(onRefused).toHaveBeenCalledTimes(3);
    await expect(handler(kioskPage, { pin: '12' })).rejects.toThrow('"pin": the PIN is 4 to 12 digits');
  });

  it('lets the kiosk page ask for a facilities action, only one the panel has, and refuses other senders', async () => {
    const body = vi.fn(() => ({ outcome: 'done' as const }));
    const handler = guardInvoke('shell:admin-action', body, { anchor });
    await expect(handler(kioskPage, { action: 'reload' })).resolves.toEqual({ outcome: 'done' });
    await expect(handler(foreign, { action: 'exit' })).rejects.toThrow(IpcRefusedError);
    await expect(handler(otherWindow, { action: 'exit' })).rejects.toThrow(IpcRefusedError);
    await expect(handler(kioskPage, { action: 'run-shell' })).rejects.toThrow(/action/);
    expect(body).toHaveBeenCalledTimes(1);
  });
});

describe('the channel map', () => {
  it('knows its own channels and nothing else', () => {
    expect(isInvokeChannel('shell:get-identity')).toBe(true);
    expect(isInvokeChannel('toString')).toBe(false);
    expect(isInvokeChannel('shell:run-command')).toBe(false);
    expect(Object.keys(ipcInvoke).every((channel) => channel.startsWith('shell:'))).toBe(true);
  });
});
