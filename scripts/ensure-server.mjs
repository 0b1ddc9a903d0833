#!/usr/bin/env node
// Builds the office server (dist-server/main.js) when it is missing or older than its sources, so
// `npm run hub` and `npm run kiosk-agent` always run what is in the tree.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const built = 'dist-server/main.js';
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}
const sources = ['server', 'contract', 'hardware', 'scripts/build-server.mjs', 'scripts/keep-module-urls.mjs'];
const sourcesChanged = () => Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
if (!existsSync(built) || sourcesChanged()) {
  console.log('Building the office server (dist-server)…');
  const result = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
