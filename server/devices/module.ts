/**
 * Devices in the API: `GET /api/devices` answers every device's state (contract DeviceState[]),
 * and each change is pushed on /api/events as `{ type: 'device.state', at, device }`.
 */
import type { DeviceEvent, DeviceState } from '../../contract/devices.js';
import type { ServerModule } from '../context.js';

const subscriptions = new Set<() => void>();

export const devicesModule: ServerModule = {
  name: 'devices',
  migrations: [],
  register(app, ctx) {
    app.get('/api/devices', async (): Promise<DeviceState[]> => ctx.devices.states());
  },
  start(ctx) {
    subscriptions.add(
      ctx.devices.onChange((device) => {
        const event: DeviceEvent = { type: 'device.state', at: ctx.clock.now().toISOString(), device };
        ctx.events.publish(event);
      }),
    );
  },
  stop() {
    for (const unsubscribe of subscriptions) unsubscribe();
    subscriptions.clear();
  },
};
