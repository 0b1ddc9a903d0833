/**
 * Content-Security-Policy for the shell's windows. The server sends its own; the shell adds this one
 * on every response from the app origin as well (two CSP headers are both enforced), so a server
 * misconfiguration cannot loosen what the kiosk window may load.
 */
export function shellContentSecurityPolicy(appOrigin: string): string {
  const url = new URL(appOrigin);
  const ws = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style attributes through the CSSOM (not blocked); Vite's built CSS is a file. Inline
    // <style> is allowed because it cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "worker-src 'self'",
  ].join('; ');
}

export type ResponseHeaders = Record<string, string[]>;

/** Adds the shell CSP (and nosniff) to responses from the app origin; others pass unchanged. */
export function withShellSecurityHeaders(responseUrl: string, headers: ResponseHeaders, appOrigin: string): ResponseHeaders {
  let origin: string | null;
  try {
    origin = new URL(responseUrl).origin;
  } catch {
    origin = null;
  }
  if (origin !== appOrigin) return headers;
  const result: ResponseHeaders = { ...headers };
  const cspKey = Object.keys(result).find((key) => key.toLowerCase() === 'content-security-policy') ?? 'Content-Security-Policy';
  result[cspKey] = [...(result[cspKey] ?? []), shellContentSecurityPolicy(appOrigin)];
  if (!Object.keys(result).some((key) => key.toLowerCase() === 'x-content-type-options')) result['X-Content-Type-Options'] = ['nosniff'];
  return result;
}
