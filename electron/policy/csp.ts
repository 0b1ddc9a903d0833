/**
 * The shell's Content-Security-Policy (contract/content-security-policy.ts, stricter variant), added
 * on every response from the app origin as well as the server's own (two CSP headers are both
 * enforced), so a server misconfiguration cannot loosen what the kiosk window may load.
 */
import { contentSecurityPolicy } from '../../contract/content-security-policy.js';

export function shellContentSecurityPolicy(appOrigin: string): string {
  const url = new URL(appOrigin);
  return contentSecurityPolicy({
    webSockets: [`${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`],
    shell: true,
  });
}

export type ResponseHeaders = Record<string, string[]>;

/** Adds the shell CSP (and nosniff) to responses from the app origin; others pass unchanged. */
export function withShellSecurityHeaders(
  responseUrl: string,
  headers: ResponseHeaders,
  appOrigin: string,
): ResponseHeaders {
  let origin: string | null;
  try {
    origin = new URL(responseUrl).origin;
  } catch {
    origin = null;
  }
  if (origin !== appOrigin) return headers;
  const result: ResponseHeaders = { ...headers };
  const cspKey =
    Object.keys(result).find((key) => key.toLowerCase() === 'content-security-policy') ?? 'Content-Security-Policy';
  result[cspKey] = [...(result[cspKey] ?? []), shellContentSecurityPolicy(appOrigin)];
  if (!Object.keys(result).some((key) => key.toLowerCase() === 'x-content-type-options'))
    result['X-Content-Type-Options'] = ['nosniff'];
  return result;
}
