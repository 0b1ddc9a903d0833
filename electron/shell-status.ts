/** What the shell tells screens and logs about itself (contract/ipc.ts ShellStatus). Plain Node. */
import type { RestartReason, ShellStatus, UpdateStatus } from '../contract/ipc.js';

export class ShellStatusStore {
  private status: ShellStatus;
  private readonly listeners = new Set<(status: ShellStatus) => void>();

  constructor(startedAt: Date) {
    this.status = {
      startedAt: startedAt.toISOString(),
      rendererRestarts: 0,
      lastRestart: null,
      update: { state: 'disabled' },
    };
  }

  current(): ShellStatus {
    return structuredClone(this.status);
  }

  restartCounted(reason: RestartReason, at: Date): void {
    this.set({
      ...this.status,
      rendererRestarts: this.status.rendererRestarts + 1,
      lastRestart: { reason, at: at.toISOString() },
    });
  }

  updateChanged(update: UpdateStatus): void {
    this.set({ ...this.status, update });
  }

  onChange(listener: (status: ShellStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(next: ShellStatus): void {
    this.status = next;
    for (const listener of this.listeners) listener(this.current());
  }
}
