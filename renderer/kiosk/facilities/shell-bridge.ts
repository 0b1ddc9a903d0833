/** The Electron shell's `window.kiosk` (electron/preload.ts), or null in a plain browser. */
import { kioskBridgeKey, type KioskBridge } from '../../../contract/ipc';

const methods = ['getIdentity', 'getShellStatus', 'openAdminExit', 'unlockAdmin', 'adminAction', 'onShellStatus'];

function isKioskBridge(value: unknown): value is KioskBridge {
  return (
    typeof value === 'object' &&
    value !== null &&
    methods.every((method) => typeof Reflect.get(value, method) === 'function')
  );
}

export function shellBridge(): KioskBridge | null {
  const bridge: unknown = Reflect.get(window, kioskBridgeKey);
  return isKioskBridge(bridge) ? bridge : null;
}
