import { describe, expect, it } from 'vitest';
import { navigationVerdict, windowOpenVerdict } from '../../electron/policy/navigation.js';
import { permissionVerdict } from '../../electron/policy/permissions.js';
import { isBlockedShortcut, type KeyInput } from '../../electron/policy/shortcuts.js';
import { shellContentSecurityPolicy, withShellSecurityHeaders } from '../../electron/policy/csp.js';

const app = 'http://127.0.0.1:41234';

describe('navigation', () => {
  it('lets the kiosk move within its own screen', () => {
    expect(navigationVerdict(`${app}/kiosk?kiosk=kiosk-1`, app, 'kiosk')).toEqual({ allow: true });
    expect(navigationVerdict(`${app}/kiosk/pay#step-2`, app, 'kiosk')).toEqual({ allow: true });
    expect(navigationVerdict(`${app}/kiosk.html`, app, 'kiosk')).toEqual({ allow: true });
  });

  it.each([
    ['another site', 'https://www.google.com/', /off-origin/],
    ['the server on another port', 'http://127.0.0.1:8080/kiosk', /off-origin/],
    ['a file', 'file:///C:/Windows/System32/cmd.exe', /off-origin/],
    ['a javascript: URL', 'javascript:alert(1)', /off-origin/],
    ['the staff console', `${app}/staff`, /not a kiosk screen/],
    ['the reports', `${app}/reports`, /not a kiosk screen/],
    ['a look-alike path', `${app}/kiosk-admin`, /not a kiosk screen/],
  ])('keeps the kiosk away from %s', (_name, url, reason) => {
    const verdict = navigationVerdict(url, app, 'kiosk');
    expect(verdict.allow).toBe(false);
    if (!verdict.allow) expect(verdict.reason).toMatch(reason);
  });

  it('gives each role its own screens', () => {
    expect(navigationVerdict(`${app}/display`, app, 'display').allow).toBe(true);
    expect(navigationVerdict(`${app}/kiosk`, app, 'display').allow).toBe(false);
    expect(navigationVerdict(`${app}/reports`, app, 'desk').allow).toBe(true);
    expect(navigationVerdict(`${app}/kiosk?mode=desk&desk=desk-1`, app, 'desk').allow).toBe(true);
    expect(navigationVerdict(`${app}/staff`, app, 'display').allow).toBe(false);
    expect(navigationVerdict(`${app}/staff`, app, 'hub').allow).toBe(true);
    expect(navigationVerdict(`${app}/payments.html`, app, 'desk').allow).toBe(true);
    expect(navigationVerdict(`${app}/payments.html`, app, 'hub').allow).toBe(true);
    expect(navigationVerdict(`${app}/fleet`, app, 'hub').allow).toBe(true);
    expect(navigationVerdict(`${app}/fleet`, app, 'desk').allow).toBe(false);
    expect(navigationVerdict(`${app}/payments.html`, app, 'kiosk').allow).toBe(false);
  });

  it('never opens new windows, even to our own origin', () => {
    expect(windowOpenVerdict(`${app}/kiosk`).allow).toBe(false);
    expect(windowOpenVerdict('https://example.com').allow).toBe(false);
  });
});

describe('permissions', () => {
  it('denies camera, microphone, location and notifications by default', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'display-capture',
      'openExternal',
      'hid',
      'serial',
    ]) {
      expect(permissionVerdict(permission, `${app}/kiosk`, app), permission).toBe(false);
    }
  });
  it('grants fullscreen to our own page only', () => {
    expect(permissionVerdict('fullscreen', `${app}/display`, app)).toBe(true);
    expect(permissionVerdict('fullscreen', 'https://evil.example/', app)).toBe(false);
  });
  it('grants what the shell config allows, still only to our origin', () => {
    expect(permissionVerdict('media', `${app}/kiosk`, app, ['media'])).toBe(true);
    expect(permissionVerdict('media', 'https://evil.example/', app, ['media'])).toBe(false);
  });
});

describe('kiosk keyboard', () => {
  const key = (key: string, mods: Partial<KeyInput> = {}): KeyInput => ({
    type: 'keyDown',
    key,
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...mods,
  });
  it.each([
    ['F5 reload', key('F5')],
    ['Ctrl+R reload', key('r', { control: true })],
    ['Ctrl+Shift+I devtools', key('I', { control: true, shift: true })],
    ['F12 devtools', key('F12')],
    ['Ctrl+= zoom', key('=', { control: true })],
    ['Ctrl+P print', key('p', { control: true })],
    ['Alt+Left back', key('ArrowLeft', { alt: true })],
    ['Cmd+W close', key('w', { meta: true })],
  ])('blocks %s', (_name, input) => expect(isBlockedShortcut(input)).toBe(true));

  it.each([
    ['typing a letter', key('a')],
    ['typing a capital', key('A', { shift: true })],
    ['digits for a reference', key('7')],
    ['Backspace', key('Backspace')],
    ['Tab to move focus', key('Tab')],
    ['Enter', key('Enter')],
    ['a key release', { ...key('F5'), type: 'keyUp' }],
  ])('leaves %s alone', (_name, input) => expect(isBlockedShortcut(input)).toBe(false));
});

describe('content security policy', () => {
  it('allows our own scripts and WebSocket, nothing from elsewhere, no frames or plugins', () => {
    const csp = shellContentSecurityPolicy(app);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:41234");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(shellContentSecurityPolicy('https://hub.example:8443')).toContain('wss://hub.example:8443');
  });

  it("adds our policy next to the server's, on app-origin responses only", () => {
    const fromServer = { 'content-security-policy': ["default-src 'self'"], 'content-type': ['text/html'] };
    const headers = withShellSecurityHeaders(`${app}/kiosk`, fromServer, app);
    expect(headers['content-security-policy']).toEqual(["default-src 'self'", shellContentSecurityPolicy(app)]);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(withShellSecurityHeaders('https://cdn.example/x.js', fromServer, app)).toBe(fromServer);
  });

  it('adds a policy when the server sent none', () => {
    const headers = withShellSecurityHeaders(`${app}/display`, {}, app);
    expect(headers['Content-Security-Policy']).toEqual([shellContentSecurityPolicy(app)]);
  });
});
