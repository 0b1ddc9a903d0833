/**
 * Start-up benchmark: from spawning the office server to its first answer (GET /api/site), for the
 * TypeScript source through tsx (`node --import tsx server/cli/main.ts`, what the tests run) and for
 * the compiled dist-server/main.js with plain Node (what `npm run hub` and installed hubs run). A hub
 * on the real site config (server/demo/site.json through --config: no demo account, no simulators),
 * a new data folder each run (the migrations included). Runs alternate between the two, after one
 * warm-up each (file cache).
 *
 * `npm run bench -- startup`. BENCH_STARTS (default 10 each). Writes bench/results/startup.json.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { startHub } from '../tests/support/hub-process.js';
import { machineFacts, quantile, round, writeResults } from './support/stats.js';

const starts = Number(process.env.BENCH_STARTS ?? 10);
const entries = ['source', 'compiled'] as const;
type Entry = (typeof entries)[number];

const build = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

async function startToFirstAnswerMs(entry: Entry): Promise<number> {
  const started = performance.now();
  const hub = await startHub({ entry, configFile: 'server/demo/site.json', env: { LOG_LEVEL: 'warn' } });
  try {
    const response = await fetch(`${hub.url}/api/site`);
    if (response.status !== 200) throw new Error(`GET /api/site answered ${response.status}:\n${hub.output()}`);
    await response.arrayBuffer();
    return performance.now() - started;
  } finally {
    await hub.stop();
  }
}

for (const entry of entries) await startToFirstAnswerMs(entry);
const times: Record<Entry, number[]> = { source: [], compiled: [] };
for (let run = 0; run < starts; run++)
  for (const entry of entries) times[entry].push(await startToFirstAnswerMs(entry));

const figures = (values: number[]) => ({
  p50Ms: round(quantile(values, 0.5), 0),
  minMs: round(Math.min(...values), 0),
  maxMs: round(Math.max(...values), 0),
  runsMs: values.map((value) => round(value, 0)),
});
const results = {
  measuredAt: new Date().toISOString(),
  machine: machineFacts(),
  starts,
  tsxSource: figures(times.source),
  compiled: figures(times.compiled),
};
console.log(
  `Office server start → first answer of GET /api/site, ${starts} starts each (${results.machine.cpus} cpus, node ${results.machine.node}, load ${results.machine.loadAverage1m})`,
);
console.log(`  ${''.padEnd(36)} ${'p50'.padStart(6)} ${'min'.padStart(6)} ${'max'.padStart(6)}  (ms)`);
for (const [label, f] of [
  ['tsx (server/cli/main.ts)', results.tsxSource],
  ['compiled (dist-server/main.js)', results.compiled],
] as const)
  console.log(
    `  ${label.padEnd(36)} ${String(f.p50Ms).padStart(6)} ${String(f.minMs).padStart(6)} ${String(f.maxMs).padStart(6)}`,
  );
writeResults('startup', results);
