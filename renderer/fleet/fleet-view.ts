/**
 * What the fleet page makes of GET /api/fleet: machines grouped by status, worst first (the server
 * already orders them; the grouping keeps its order within a status), and the count for the summary.
 */
import { FleetStatus, type FleetMachine } from '../../contract/fleet';

/** Fault, not seen, warning, ok: the order facilities should look at them in. */
export const statusOrder: readonly FleetStatus[] = FleetStatus.options;

export interface StatusGroup {
  status: FleetStatus;
  machines: FleetMachine[];
}

/** One group per status that has machines, worst first; machines keep the server's order within it. */
export function groupByStatus(machines: readonly FleetMachine[]): StatusGroup[] {
  return statusOrder
    .map((status) => ({ status, machines: machines.filter((machine) => machine.status === status) }))
    .filter((group) => group.machines.length > 0);
}

export interface FleetSummary {
  total: number;
  /** Machines that are not ok: a fault, not seen, or a warning. */
  needAttention: number;
}

export function summarise(machines: readonly FleetMachine[]): FleetSummary {
  return {
    total: machines.length,
    needAttention: machines.filter((machine) => machine.status !== 'ok').length,
  };
}

/** The summary line's translation key and count: nothing enrolled, some to look at, or all well. */
export function summaryMessage(summary: FleetSummary): { key: 'none' | 'attention' | 'allOk'; count: number } {
  if (summary.total === 0) return { key: 'none', count: 0 };
  if (summary.needAttention > 0) return { key: 'attention', count: summary.needAttention };
  return { key: 'allOk', count: summary.total };
}
