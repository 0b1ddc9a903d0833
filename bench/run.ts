/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each prints its figures and writes
 * bench/results/<name>.json). `npm run bench -- queue` runs only the files whose name contains "queue".
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync('npx', ['tsx', `${dir}/${file}`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
if (failed > 0) process.exit(1);
