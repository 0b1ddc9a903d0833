/** What a module may hand the metrics for gauges read at scrape time (ServerModule.metricSources). */
export interface MachineLastSeen {
  machineId: string;
  role: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export interface MetricSources {
  /** The machines enrolled with this hub (the machines module). */
  machines?: () => readonly MachineLastSeen[];
}
