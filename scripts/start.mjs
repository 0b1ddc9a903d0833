#!/usr/bin/env node
// `npm start`: the Electron kiosk where Electron's binary is installed; otherwise the same
// product in browser mode (server + screens on localhost).
//
// With Electron, the demo office server runs as a Node child process and the shell points at it
// (shell config role "kiosk", server mode "hub"): native modules in a checkout are built for Node, so
// the server does not run inside Electron here. Packaged builds run it in-process (docs/electron.md).
// Pass `--shell-config FILE` to start the shell with your own config instead.
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
let electronBinary;
try {
  electronBinary = require('electron'); // the package's main export is the binary's path; throws if missing
} catch {
  electronBinary = null;
}

const extraArgs = process.argv.slice(2);

function killGroup(child) {
  if (child.exitCode === null && child.signalCode === null && child.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

async function startDemoHub() {
  const hub = spawn('npm', ['run', '--silent', 'hub', '--', '--demo', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    hub.stdout.setEncoding('utf8').on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
      const match = /Listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    hub.once('exit', (code) => reject(new Error(`the office server exited (${code}) before listening`)));
  });
  return { hub, url };
}

if (electronBinary) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  if (extraArgs.some((arg) => arg.startsWith('--shell-config'))) {
    const child = spawn(electronBinary, ['.', ...extraArgs], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    const { hub, url } = await startDemoHub();
    const dir = mkdtempSync(join(tmpdir(), 'reception-kiosk-shell-'));
    const shellConfig = join(dir, 'shell.json');
    writeFileSync(
      shellConfig,
      JSON.stringify({ role: 'kiosk', kioskId: 'kiosk-1', server: { mode: 'hub', url }, devTools: true }, null, 2),
    );
    console.log(`Opening the Electron kiosk on ${url}/kiosk (shell config ${shellConfig}).`);
    const child = spawn(electronBinary, ['.', '--shell-config', shellConfig, ...extraArgs], { stdio: 'inherit' });
    const stopAll = () => {
      killGroup(hub);
      child.kill('SIGTERM');
    };
    process.on('SIGINT', stopAll);
    process.on('SIGTERM', stopAll);
    child.on('exit', (code) => {
      killGroup(hub);
      process.exit(code ?? 0);
    });
  }
} else {
  console.log('Electron binary not installed: starting browser mode instead (open the URLs below in Chromium).');
  const child = spawn('npm', ['run', '--silent', 'hub', '--', '--demo', ...extraArgs], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
