#!/usr/bin/env node
// Builds the screens (dist/renderer) when they are missing or older than their sources,
// so `npm run hub` always serves what is in the tree.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const built = 'dist/renderer/kiosk.html';
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}
const sourcesChanged = () =>
  Math.max(newest('renderer'), newest('locales'), newest('contract')) > statSync(built).mtimeMs;
if (!existsSync(built) || sourcesChanged()) {
  console.log('Building the screens (dist/renderer)…');
  const result = spawnSync('npm', ['run', '--silent', 'build:renderer'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
