import type { DeviceHealth, DeviceKind, DeviceState } from '../../contract/devices.js';

export interface DeviceIdentity {
  id: string;
  kind: DeviceKind;
  kiosk: string | null;
}

/** Holds one device's published state; listeners hear only real changes (health, reason or detail). */
export class StateHolder {
  private current: DeviceState;
  private readonly listeners: Array<(state: DeviceState) => void> = [];

  constructor(
    private readonly identity: DeviceIdentity,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.current = {
      ...identity,
      health: 'offline',
      reason: 'starting',
      detail: 'Connecting to the device.',
      updatedAt: now().toISOString(),
    };
  }

  get(): DeviceState {
    return { ...this.current };
  }

  set(health: DeviceHealth, reason: string | null, detail: string | null): void {
    const c = this.current;
    if (c.health === health && c.reason === reason && c.detail === detail) return;
    this.current = { ...this.identity, health, reason, detail, updatedAt: this.now().toISOString() };
    for (const listener of this.listeners) listener(this.get());
  }

  onChange(listener: (state: DeviceState) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }
}
