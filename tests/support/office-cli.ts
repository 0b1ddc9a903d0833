/**
 * Facilities' steps on the command line, for tests with real processes: any office CLI command
 * (`node --import tsx server/cli/main.ts …`), and enrolling and joining a kiosk with `fleet`.
 */
import { spawn } from 'node:child_process';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * One run of the office CLI (`node --import tsx server/cli/main.ts …`), `input` on its standard input.
 * A command still running after `timeoutMs` (a server that should have refused to start) is killed.
 */
export function runCli(args: readonly string[], input = '', timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/**
 * `fleet enrol` on the hub's data folder, the kiosk id checked against the hub's site config (a
 * file, or 'demo'); answers the one-time code it printed.
 */
export async function enrolKiosk(
  hubDataDir: string,
  site: string,
  kioskId: string,
  expiresMinutes?: number,
): Promise<string> {
  const siteArgs = site === 'demo' ? ['--demo'] : ['--config', site];
  const expiry = expiresMinutes === undefined ? [] : ['--expires-minutes', String(expiresMinutes)];
  const made = await runCli([
    'fleet',
    'enrol',
    kioskId,
    '--role',
    'kiosk',
    ...siteArgs,
    ...expiry,
    '--data',
    hubDataDir,
  ]);
  const code = /Enrolment code for \S+ \(kiosk\): (\S+)/.exec(made.stdout)?.[1];
  if (made.code !== 0 || !code) throw new Error(`fleet enrol ${kioskId} failed (${made.code}):\n${made.stderr}`);
  return code;
}

/** `fleet join` on the kiosk, into its own data folder. */
export function joinHub(hubUrl: string, kioskId: string, code: string, dataDir: string): Promise<CliResult> {
  return runCli(['fleet', 'join', '--hub', hubUrl, '--id', kioskId, '--code', code, '--data', dataDir]);
}
