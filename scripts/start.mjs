#!/usr/bin/env node
// `npm start`: the Electron kiosk where Electron's binary is installed; otherwise the same
// product in browser mode (server + screens on localhost).
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronBinary = null;
try {
  electronBinary = require('electron'); // the package's main export is the binary's path; throws if missing
} catch {
  electronBinary = null;
}

if (electronBinary) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const child = spawn(electronBinary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron binary not installed: starting browser mode instead (open the URLs below in Chromium).');
  const child = spawn('npm', ['run', '--silent', 'hub', '--', '--demo', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
