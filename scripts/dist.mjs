#!/usr/bin/env node
// `npm run dist`: the installers. Builds the screens, the shell and the office server (`npm run build`),
// then runs electron-builder with build/electron-builder.yml:
//   npm run dist                Linux AppImage + deb, and the Windows NSIS installer
//   npm run dist -- --linux     Linux only        npm run dist -- --win     Windows only
// Further arguments go to electron-builder as they are. Nothing is published unless `--publish` is given.
// Without the Electron binary it says so in one line and exits 1, before building anything.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Why the Electron binary cannot be used, or null; the same check as `npm start` and the Electron specs. */
function electronBinaryMissing() {
  let binary;
  try {
    binary = require('electron'); // the package's main export is the binary's path; throws if it was never downloaded
  } catch {
    return 'the electron package has no binary (its download failed or was skipped)';
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return `there is no Electron binary at ${String(binary)}`;
  return null;
}

const missing = electronBinaryMissing();
if (missing) {
  console.error(
    `npm run dist needs the Electron binary: ${missing}. Install it on a machine that can download it (npm install electron) and run again.`,
  );
  process.exit(1);
}

const args = process.argv.slice(2);
const platforms = ['--linux', '--win', '--mac', '-l', '-w', '-m'];
if (!args.some((arg) => platforms.includes(arg))) args.push('--linux', '--win');
if (!args.some((arg) => arg === '--publish' || arg === '-p' || arg.startsWith('--publish='))) {
  args.push('--publish', 'never');
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', '--silent', 'build']);
run(process.execPath, [require.resolve('electron-builder/cli.js'), '--config', 'build/electron-builder.yml', ...args]);
