/** The last heartbeat of each machine: one row per machine, replaced by each new heartbeat. */
import { Heartbeat } from '../../contract/fleet.js';
import type { Db, Migration, Statement } from '../store/database.js';

export const fleetMigrations: readonly Migration[] = [
  {
    id: 'fleet-001-heartbeats',
    sql: `
      CREATE TABLE fleet_heartbeats (
        machine_id TEXT PRIMARY KEY,
        received_at TEXT NOT NULL,
        heartbeat TEXT NOT NULL
      );
    `,
  },
];

export interface StoredHeartbeat {
  heartbeat: Heartbeat;
  /** The hub's clock when it arrived. */
  receivedAt: Date;
}

interface Row {
  machine_id: string;
  received_at: string;
  heartbeat: string;
}

export class HeartbeatStore {
  private readonly upsert: Statement<[string, string, string]>;
  private readonly one: Statement<[string], Row>;
  private readonly all: Statement<[], Row>;

  constructor(db: Db) {
    this.upsert = db.prepare(
      `INSERT INTO fleet_heartbeats (machine_id, received_at, heartbeat) VALUES (?, ?, ?)
       ON CONFLICT (machine_id) DO UPDATE SET received_at = excluded.received_at, heartbeat = excluded.heartbeat`,
    );
    this.one = db.prepare('SELECT machine_id, received_at, heartbeat FROM fleet_heartbeats WHERE machine_id = ?');
    this.all = db.prepare('SELECT machine_id, received_at, heartbeat FROM fleet_heartbeats');
  }

  record(machineId: string, heartbeat: Heartbeat, receivedAt: Date): void {
    this.upsert.run(machineId, receivedAt.toISOString(), JSON.stringify(heartbeat));
  }

  last(machineId: string): StoredHeartbeat | null {
    const row = this.one.get(machineId);
    return row ? stored(row) : null;
  }

  /** Every machine's last heartbeat, by machine id. */
  lastOfEach(): Map<string, StoredHeartbeat> {
    const byMachine = new Map<string, StoredHeartbeat>();
    for (const row of this.all.all()) {
      const last = stored(row);
      if (last) byMachine.set(row.machine_id, last);
    }
    return byMachine;
  }
}

/** A row written by an older version that no longer reads as a heartbeat counts as none. */
function stored(row: Row): StoredHeartbeat | null {
  const parsed = Heartbeat.safeParse(safeJson(row.heartbeat));
  return parsed.success ? { heartbeat: parsed.data, receivedAt: new Date(row.received_at) } : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
