/**
 * Web permission requests (camera, microphone, geolocation, notifications, …). Denied unless the
 * permission is on the allow list AND the request comes from the app origin. Speech synthesis and
 * audio playback (the display board's chime and announcement) need no permission at all.
 */
import { originOf } from './ipc-guard.js';

/** Granted by default: requestFullscreen() from our own screens is harmless in a kiosk. */
export const defaultAllowedPermissions: readonly string[] = ['fullscreen'];

export function permissionVerdict(
  permission: string,
  requestingUrl: string,
  appOrigin: string,
  allowed: readonly string[] = defaultAllowedPermissions,
): boolean {
  if (originOf(requestingUrl) !== appOrigin) return false;
  return allowed.includes(permission);
}
