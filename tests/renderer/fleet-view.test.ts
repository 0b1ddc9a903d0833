/** The fleet page's grouping and summary line. */
import { describe, expect, it } from 'vitest';
import type { FleetMachine, FleetStatus } from '../../contract/fleet';
import { groupByStatus, summarise, summaryMessage } from '../../renderer/fleet/fleet-view';

const machine = (machineId: string, status: FleetStatus): FleetMachine => ({
  machineId,
  role: 'kiosk',
  status,
  problems: [],
  lastHeartbeatAt: null,
  clockOffsetMs: null,
  heartbeat: null,
});

describe('groupByStatus', () => {
  it('puts faults first, then machines not seen, warnings and the rest, keeping the server order within each', () => {
    const machines = [
      machine('kiosk-9', 'ok'),
      machine('kiosk-3', 'warning'),
      machine('kiosk-2', 'fault'),
      machine('display-1', 'not-seen'),
      machine('kiosk-1', 'fault'),
    ];
    expect(groupByStatus(machines).map((group) => [group.status, group.machines.map((m) => m.machineId)])).toEqual([
      ['fault', ['kiosk-2', 'kiosk-1']],
      ['not-seen', ['display-1']],
      ['warning', ['kiosk-3']],
      ['ok', ['kiosk-9']],
    ]);
  });

  it('leaves out statuses no machine has', () => {
    expect(groupByStatus([machine('hub', 'ok'), machine('kiosk-1', 'ok')]).map((group) => group.status)).toEqual([
      'ok',
    ]);
    expect(groupByStatus([])).toEqual([]);
  });
});

describe('the summary line', () => {
  it('counts every machine that is not ok as needing attention', () => {
    const machines = [
      machine('kiosk-1', 'fault'),
      machine('kiosk-2', 'not-seen'),
      machine('kiosk-3', 'warning'),
      machine('display-1', 'ok'),
    ];
    expect(summarise(machines)).toEqual({ total: 4, needAttention: 3 });
    expect(summaryMessage(summarise(machines))).toEqual({ key: 'attention', count: 3 });
  });

  it('says all are working when none needs attention, and nothing is enrolled when the list is empty', () => {
    expect(summaryMessage(summarise([machine('hub', 'ok'), machine('kiosk-1', 'ok')]))).toEqual({
      key: 'allOk',
      count: 2,
    });
    expect(summaryMessage(summarise([]))).toEqual({ key: 'none', count: 0 });
  });
});
