/**
 * Figures for the benchmarks: nearest-rank quantiles, rounding for the printed and stored figures,
 * and writing bench/results/<name>.json.
 */
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

/** Nearest-rank quantile (q from 0 to 1) of the values; NaN when there are none. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Median, 95th percentile and maximum, rounded to `digits` places. */
export const summary = (values: number[], digits = 2) => ({
  median: round(quantile(values, 0.5), digits),
  p95: round(quantile(values, 0.95), digits),
  max: round(Math.max(...values), digits),
});

/** Writes bench/results/<name>.json (two-space JSON, trailing newline). */
export function writeResults(name: string, results: unknown): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
}

/** What the figures were measured on: they move with the machine and its load. */
export const machineFacts = () => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  loadAverage1m: round(loadavg()[0] ?? 0, 2),
});
