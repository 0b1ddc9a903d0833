#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest. Stops at the first failing step and
// ends with one line that counts every test run: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = mkdtempSync(join(tmpdir(), 'kiosk-test-reports-'));
const vitestReport = join(reports, 'vitest.json');
const playwrightReport = join(reports, 'playwright.json');

// Where npm dropped the optional `electron` package (its binary could not be downloaded), its types
// are missing too: type-check everything else and say so. CI installs it without the binary.
const electronTypes = existsSync('node_modules/electron/electron.d.ts');
const typecheck = electronTypes
  ? [['typecheck', 'npm', ['run', '--silent', 'typecheck']]]
  : [
      [
        'typecheck (electron/ skipped: the electron package is not installed; ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install brings its types)',
        'npx',
        ['tsc', '-p', 'tsconfig.no-electron.json'],
      ],
      ['typecheck (renderer)', 'npx', ['tsc', '-p', 'renderer/tsconfig.json']],
      ['typecheck (browser tests)', 'npx', ['tsc', '-p', 'tsconfig.browser-tests.json']],
    ];

const steps = [
  ...typecheck,
  ['format check', 'npm', ['run', '--silent', 'format:check']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['translations', 'npm', ['run', '--silent', 'i18n:check']],
  // Built before any test: API and browser tests serve the screens from dist/renderer.
  ['renderer build', 'npm', ['run', '--silent', 'build:renderer']],
  [
    'unit, hardware and API tests',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  ],
  [
    'browser tests',
    'npx',
    ['playwright', 'test', '--reporter=list,json'],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
  ],
];

const counts = { passed: 0, failed: 0, skipped: 0 };
function addCounts() {
  try {
    const vitest = JSON.parse(readFileSync(vitestReport, 'utf8'));
    counts.passed += vitest.numPassedTests;
    counts.failed += vitest.numFailedTests;
    counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
  } catch {
    /* that step did not run */
  }
  try {
    const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
    counts.passed += stats.expected + stats.flaky;
    if (stats.flaky > 0)
      console.log(`\n${stats.flaky} browser test(s) passed only on retry (flaky): see the list above.`);
    counts.failed += stats.unexpected;
    counts.skipped += stats.skipped;
  } catch {
    /* that step did not run */
  }
}

function finish(code) {
  addCounts();
  rmSync(reports, { recursive: true, force: true });
  console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(code);
}

for (const [name, command, args, env] of steps) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${result.status ?? result.signal})`);
    finish(result.status ?? 1);
  }
}
console.log('\n✔ all test steps passed');
finish(0);
