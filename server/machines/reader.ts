/**
 * What other modules may read of the machines registry (the fleet view): the machines that have
 * joined and are not revoked, with what their last contact said.
 */
import type { MachineRole } from '../../contract/machines.js';
import type { MachineRegistry } from './registry.js';

export interface EnrolledMachine {
  machineId: string;
  role: MachineRole;
  /** Hub clock minus the machine's at its last contact that said its time; null when never said. */
  clockOffsetMs: number | null;
}

export interface MachineReader {
  enrolled(): EnrolledMachine[];
}

export const machineReader = (registry: () => MachineRegistry): MachineReader => ({
  enrolled: () =>
    registry()
      .list()
      .filter((machine) => machine.enrolledAt !== null && machine.revokedAt === null)
      .map(({ machineId, role, clockOffsetMs }) => ({ machineId, role, clockOffsetMs })),
});
