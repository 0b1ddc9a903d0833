/**
 * The Content-Security-Policy of the screens, defined once. The server sends it on every answer;
 * the Electron shell adds its own, stricter copy on app-origin responses (both headers are enforced),
 * so a server misconfiguration cannot loosen what the kiosk window may load.
 */

export interface PolicyOptions {
  /** WebSocket origins the page may connect to besides 'self', e.g. `ws://127.0.0.1:8080`. */
  webSockets: string[];
  /** The shell's copy: no <base> element at all, no frames, workers only from the app origin. */
  shell?: boolean;
}

export function contentSecurityPolicy({ webSockets, shell = false }: PolicyOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style attributes through the CSSOM (not blocked); Vite's built CSS is a file. Inline
    // <style> is allowed because it cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...webSockets].join(' '),
    "object-src 'none'",
    shell ? "base-uri 'none'" : "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(shell ? ["frame-src 'none'", "worker-src 'self'"] : []),
  ].join('; ');
}
