import { z } from 'zod';
import { must, request } from '../../shared/api-client';
import { DeviceState } from '../../../contract/devices';

/** This kiosk's devices, as its own server reports them (on a kiosk agent, the agent). */
export async function fetchKioskDevices(kioskId: string): Promise<DeviceState[]> {
  const devices = await must(
    request('GET', '/api/devices', z.array(DeviceState), undefined, { timeoutMs: 15_000 }),
    'devices',
  );
  return devices.filter((device) => device.kiosk === kioskId);
}
