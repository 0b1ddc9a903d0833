/**
 * The operations guide cannot drift from the product: every block of docs/operations.md marked
 * `sh runnable` is run here, in order, against a scratch site and a scratch hub process. A command
 * must exit 0; the lines after it that are not commands are output it must print. The guide's
 * example values are swapped for the scratch ones: `site.json`, the hub's address, and the code
 * `enrol` printed for that machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { startHub, type HubProcess } from '../support/hub-process.js';

interface Step {
  command: string;
  expected: string[];
}

/** The runnable blocks' commands, in the guide's order. */
export function runnableSteps(markdown: string): Step[] {
  const steps: Step[] = [];
  const blocks = markdown.matchAll(/^```sh runnable\n([\s\S]*?)^```$/gm);
  for (const block of blocks) {
    for (const line of (block[1] ?? '').split('\n')) {
      if (line.trim() === '') continue;
      if (line.startsWith('npm ')) steps.push({ command: line, expected: [] });
      else steps.at(-1)?.expected.push(line.trim());
    }
  }
  return steps;
}

const guide = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
let folder = '';
let hub: HubProcess | null = null;
let siteFile = '';

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'operations-guide-'));
  const demo = demoSiteConfig();
  const [desk] = demo.desks;
  const [kiosk] = demo.kiosks;
  if (!desk || !kiosk) throw new Error('the demo site has no desk or kiosk');
  siteFile = join(folder, 'site.json');
  writeFileSync(
    siteFile,
    JSON.stringify({
      ...demo,
      desks: [1, 2, 3, 4].map((n) => ({ ...desk, id: `desk-${n}`, name: `Desk ${n}` })),
      kiosks: [
        { ...kiosk, id: 'kiosk-1' },
        { ...kiosk, id: 'kiosk-2', name: 'Second kiosk', agent: true },
      ],
    }),
  );
  hub = await startHub({
    configFile: siteFile,
    dataDir: join(folder, 'data', 'reception-kiosk'),
    env: { XDG_DATA_HOME: join(folder, 'data'), LOG_LEVEL: 'warn' },
  });
}, 60_000);

afterAll(async () => {
  await hub?.stop({ keepData: true });
  rmSync(folder, { recursive: true, force: true });
});

describe('docs/operations.md', () => {
  it('has runnable commands', () => {
    expect(runnableSteps(guide).length).toBeGreaterThanOrEqual(5);
  });

  it('every runnable command works as the guide says', () => {
    const codes = new Map<string, string>();
    for (const step of runnableSteps(guide)) {
      const idOfJoin = /--id (\S+)/.exec(step.command)?.[1];
      const command = step.command
        .replaceAll('site.json', siteFile)
        .replace('http://192.168.1.10:8080', hub?.url ?? '')
        .replace(/--code \S+/, `--code ${codes.get(idOfJoin ?? '') ?? 'none'}`);
      const run = spawnSync('sh', ['-c', command], {
        encoding: 'utf8',
        env: { ...process.env, XDG_DATA_HOME: join(folder, 'data'), LOG_LEVEL: 'warn' },
        timeout: 60_000,
      });
      const output = `${run.stdout}${run.stderr}`;
      expect(run.status, `${step.command}\n${output}`).toBe(0);
      for (const line of step.expected) expect(output, step.command).toContain(line.replaceAll('site.json', siteFile));
      const code = /Enrolment code for (\S+) \(\w+\): (\S+)/.exec(output);
      if (code?.[1] && code[2]) codes.set(code[1], code[2]);
    }
    expect(codes.has('kiosk-2')).toBe(true);
  }, 240_000);
});
