/**
 * Lockdown applied to the session and to every webContents the app ever creates (windows, frames,
 * anything a bug or an attacker might open). Decisions come from policy/*.ts; this file only wires
 * them to Electron.
 */
import type { Session, WebContents } from 'electron';
import type { Logger } from 'pino';
import type { ShellRole } from '../contract/ipc.js';
import { withShellSecurityHeaders } from './policy/csp.js';
import { navigationVerdict, windowOpenVerdict } from './policy/navigation.js';
import { permissionVerdict } from './policy/permissions.js';

export interface LockdownTarget {
  /** Null until the server is up: until then every navigation is refused. */
  appOrigin: () => string | null;
  role: ShellRole;
  logger: Logger;
}

export function hardenSession(
  session: Session,
  appOrigin: string,
  allowedPermissions: readonly string[],
  logger: Logger,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = permissionVerdict(permission, details.requestingUrl, appOrigin, allowedPermissions);
    if (!granted) logger.warn({ permission, url: details.requestingUrl }, 'permission request denied');
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionVerdict(permission, requestingOrigin, appOrigin, allowedPermissions),
  );
  // WebHID / WebUSB / Web Serial: the devices belong to hardware/, never to a page.
  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.on('will-download', (event, item) => {
    logger.warn({ url: item.getURL() }, 'download blocked');
    event.preventDefault();
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withShellSecurityHeaders(details.url, details.responseHeaders ?? {}, appOrigin) });
  });
}

/** For app.on('web-contents-created'): every webContents, whoever created it. */
export function hardenWebContents(contents: WebContents, target: LockdownTarget): void {
  const refuseOffPolicy = (event: { preventDefault(): void }, url: string, kind: string) => {
    const origin = target.appOrigin();
    const verdict = origin
      ? navigationVerdict(url, origin, target.role)
      : { allow: false as const, reason: 'server not up yet' };
    if (!verdict.allow) {
      event.preventDefault();
      target.logger.warn({ url: url.slice(0, 200), kind, reason: verdict.reason }, 'navigation blocked');
    }
  };
  contents.on('will-navigate', (event, url) => refuseOffPolicy(event, url, 'navigate'));
  contents.on('will-redirect', (event, url) => refuseOffPolicy(event, url, 'redirect'));
  contents.on('will-frame-navigate', (event) => {
    // Sub-frames: our screens have none (CSP frame-src 'none'); refuse any that try.
    if (!event.isMainFrame) {
      event.preventDefault();
      target.logger.warn({ url: event.url.slice(0, 200) }, 'sub-frame navigation blocked');
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    target.logger.warn({ url: url.slice(0, 200), reason: windowOpenVerdict(url) }, 'window.open denied');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    target.logger.warn('webview blocked');
  });
}
