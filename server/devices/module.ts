/**
 * Devices in the API: `GET /api/devices` answers every device's state (contract DeviceState[]),
 * and each change is pushed on /api/events as `{ type: 'device.state', at, device }`.
 */
import type { DeviceEvent, DeviceState } from '../../contract/devices.js';
import { ModuleState, type ServerModule } from '../context.js';

export function createDevicesModule(): ServerModule {
  const state = new ModuleState<{ unsubscribe: (() => void) | null }>('devices');

  return {
    name: 'devices',
    migrations: [],
    register(app, ctx) {
      state.set({ unsubscribe: null });
      app.get('/api/devices', async (): Promise<DeviceState[]> => ctx.devices.states());
    },
    start(ctx) {
      state.get().unsubscribe = ctx.devices.onChange((device) => {
        // Also what a support bundle made with the server stopped reads the devices from.
        ctx.logger.info({ deviceState: device }, 'device state changed');
        const event: DeviceEvent = { type: 'device.state', at: ctx.clock.now().toISOString(), device };
        ctx.events.publish(event);
      });
    },
    stop() {
      const running = state.current;
      running?.unsubscribe?.();
      if (running) running.unsubscribe = null;
    },
  };
}
