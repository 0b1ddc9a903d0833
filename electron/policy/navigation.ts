/**
 * Where a shell window may go. The app origin only, and within it only the screens of the window's
 * role (a kiosk cannot be talked into /staff). New windows are never opened.
 */
import type { ShellRole } from '../../contract/ipc.js';
import { originOf } from './ipc-guard.js';

/** Screens each role may show. The server serves each screen at /name (and /name.html, /name/…). */
export const screensByRole: Record<ShellRole, readonly string[]> = {
  kiosk: ['/kiosk'],
  display: ['/display'],
  // /kiosk?mode=desk: the desk-side kiosk screen a member of staff turns towards the resident.
  // /payments: settling a payment whose outcome is unknown, and the payments report (linked from /reports).
  // /fleet: the office's machines, for facilities.
  desk: ['/staff', '/reports', '/payments', '/kiosk'],
  hub: ['/staff', '/reports', '/payments', '/fleet', '/display', '/kiosk'],
};

export type NavigationVerdict = { allow: true } | { allow: false; reason: string };

export function navigationVerdict(targetUrl: string, appOrigin: string, role: ShellRole): NavigationVerdict {
  const origin = originOf(targetUrl);
  if (origin !== appOrigin) return { allow: false, reason: `off-origin (${origin ?? targetUrl.slice(0, 40)})` };
  const { pathname } = new URL(targetUrl);
  const allowed = screensByRole[role].some(
    (screen) => pathname === screen || pathname === `${screen}.html` || pathname.startsWith(`${screen}/`),
  );
  return allowed ? { allow: true } : { allow: false, reason: `${pathname} is not a ${role} screen` };
}

/** window.open and target=_blank: always denied; a kiosk has nowhere to put a second window. */
export function windowOpenVerdict(targetUrl: string): NavigationVerdict {
  return { allow: false, reason: `new windows are not allowed (${targetUrl.slice(0, 80)})` };
}
