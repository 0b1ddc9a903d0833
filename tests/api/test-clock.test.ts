/** `hub --test-clock` stops and moves time for tests only: a real site's hub refuses it and never starts. */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, expect, it, vi } from 'vitest';
import { newDataDir } from './hub-process.js';

vi.setConfig({ testTimeout: 120_000 });

const dataDir = newDataDir();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const hub = (args: string[]) => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/cli/main.ts', 'hub', '--port', '0', '--data', dataDir, ...args],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
};

it('is refused for a site config, before anything listens', () => {
  const result = hub(['--config', 'server/demo/site.json', '--test-clock']);
  expect(result.status).toBe(2);
  expect(result.out).toContain('--test-clock is for tests of the demo site only');
  expect(result.out).not.toContain('Listening on');
});

it('names a start that is not a time', () => {
  const result = hub(['--demo', '--test-clock', 'half past ten']);
  expect(result.status).toBe(2);
  expect(result.out).toContain('"half past ten" is not a date and time');
  expect(result.out).not.toContain('Listening on');
});
