/**
 * A real hub process (`node --import tsx server/cli/main.ts hub …`), or kiosk agent process, for tests and benchmarks: port 0
 * unless told, its URL read from the "Listening on …" line it prints. It runs in its own process
 * group, so stopping it also stops anything it started, and SIGKILL cuts it off like a power cut.
 * Plain Node (no Playwright), so Vitest tests, Playwright fixtures and benchmarks all share it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HubOptions {
  /** A site config file (`--config`) instead of the demo site (`--demo`): no demo account, no simulators. */
  configFile?: string;
  /** Default: a new temporary folder. Pass a stopped hub's folder to restart it on the same data. */
  dataDir?: string;
  /** Default 0 (any free port); set it to restart a hub where its screens expect it. */
  port?: number;
  /** `--wait-target`: the wait standard in seconds (default: the site's). */
  waitTargetSeconds?: number;
  /**
   * `--test-clock`: the hub's time stands still (at this ISO instant, or at its start for `true`) and
   * moves only by `advanceTestClock`, so a test passes a wait standard without waiting for it.
   */
  testClock?: string | true;
  /** Any further CLI arguments. */
  extraArgs?: string[];
  /** Added to this process's environment, e.g. `{ LOG_LEVEL: 'warn' }`. */
  env?: Record<string, string>;
  /** The hub's working directory (default: this process's). */
  cwd?: string;
  /** Default 45 s. */
  startupTimeoutMs?: number;
  /**
   * Default "source": the TypeScript through tsx, what the tests test. "compiled": the built
   * dist-server/main.js with plain Node, as `npm run hub` and installed hubs run it (build it first).
   */
  entry?: 'source' | 'compiled';
}

export interface HubExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface HubProcess {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote so far (stdout + stderr), for failure messages. */
  output: () => string;
  /** Resolves once the process has exited. */
  exited: Promise<HubExit>;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and deletes its data folder unless kept. */
  stop: (options?: { keepData?: boolean }) => Promise<void>;
  /**
   * Sends the signal (default SIGKILL: a crash or power cut, no shutdown code runs) to the process
   * group, SIGKILL after `forceAfterMs` if it is still running; the data folder is kept.
   */
  kill: (signal?: NodeJS.Signals, forceAfterMs?: number) => Promise<void>;
}

const listening = /Listening on (https?:\/\/\S+)/;

export const newDataDir = (prefix = 'hub-test-'): string => mkdtempSync(join(tmpdir(), prefix));

export async function startHub(options: HubOptions = {}): Promise<HubProcess> {
  const dataDir = options.dataDir ?? newDataDir();
  const site = options.configFile ? ['--config', options.configFile] : ['--demo'];
  const args = ['hub', ...site, '--port', String(options.port ?? 0), '--data', dataDir];
  if (options.waitTargetSeconds !== undefined) args.push('--wait-target', String(options.waitTargetSeconds));
  if (options.testClock === true) args.push('--test-clock');
  else if (options.testClock !== undefined) args.push('--test-clock', options.testClock);
  args.push(...(options.extraArgs ?? []));
  return startServerProcess('hub', args, { ...options, dataDir });
}

export interface KioskAgentProcessOptions {
  kioskId: string;
  /** A folder the machine joined the hub into (`fleet join --data`). */
  dataDir: string;
  /** Default: the hub the machine joined. */
  hubUrl?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** `--clock-skew`: the kiosk's clock this many seconds wrong. */
  clockSkewSeconds?: number;
  /** `--simulate`: simulators for devices with no port. */
  simulate?: boolean;
  extraArgs?: string[];
  env?: Record<string, string>;
  cwd?: string;
  startupTimeoutMs?: number;
}

/** A real kiosk agent process (`server/cli/main.ts kiosk-agent …`), the same handle as a hub's. */
export function startKioskAgentProcess(options: KioskAgentProcessOptions): Promise<HubProcess> {
  const args = [
    'kiosk-agent',
    '--kiosk',
    options.kioskId,
    '--data',
    options.dataDir,
    '--port',
    String(options.port ?? 0),
  ];
  if (options.hubUrl) args.push('--hub', options.hubUrl);
  if (options.clockSkewSeconds) args.push('--clock-skew', String(options.clockSkewSeconds));
  if (options.simulate) args.push('--simulate');
  args.push(...(options.extraArgs ?? []));
  return startServerProcess(`kiosk agent ${options.kioskId}`, args, options);
}

interface ProcessOptions {
  dataDir: string;
  entry?: 'source' | 'compiled';
  env?: Record<string, string>;
  cwd?: string;
  startupTimeoutMs?: number;
}

async function startServerProcess(name: string, cliArgs: string[], options: ProcessOptions): Promise<HubProcess> {
  const dataDir = options.dataDir;
  const entry = options.entry === 'compiled' ? ['dist-server/main.js'] : ['--import', 'tsx', 'server/cli/main.ts'];
  const args = [...entry, ...cliArgs];
  const startupTimeoutMs = options.startupTimeoutMs ?? 45_000;

  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<HubExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${name} printed no URL within ${startupTimeoutMs} ms:\n${output}`)),
      startupTimeoutMs,
    );
    const onData = () => {
      const match = listening.exec(output);
      if (match?.[1]) {
        cleanup();
        resolve(match[1].replace('0.0.0.0', '127.0.0.1').replace('localhost', '127.0.0.1'));
      }
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`${name} exited (${code ?? signal}) before listening:\n${output}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    }
    function fail(error: Error) {
      cleanup();
      signalGroup(child, 'SIGKILL');
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });

  const kill = async (signal: NodeJS.Signals = 'SIGKILL', forceAfterMs = 5_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signalGroup(child, signal);
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), forceAfterMs);
    await exited;
    clearTimeout(timer);
  };
  return {
    url,
    dataDir,
    child,
    output: () => output,
    exited,
    stop: async ({ keepData = false } = {}) => {
      await kill('SIGTERM');
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
    kill,
  };
}

/** Moves the time of a hub started with `testClock`; answers its new time. */
export async function advanceTestClock(hubUrl: string, seconds: number): Promise<Date> {
  const response = await fetch(`${hubUrl}/api/test-clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  const body: unknown = await response.json();
  if (!response.ok || typeof body !== 'object' || body === null || !('now' in body) || typeof body.now !== 'string')
    throw new Error(`the hub's test clock did not move (${response.status}): ${JSON.stringify(body)}`);
  return new Date(body.now);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** A port nothing listens on right now (the OS picks it; we close it again at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
