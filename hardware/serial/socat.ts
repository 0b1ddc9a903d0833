/**
 * A pseudo-terminal pair from socat: two real tty devices wired back to back. Our driver opens one
 * end with `serialport`, a simulator the other. Killing socat is an unplug (both ends close with
 * `disconnected` on Linux); starting it again on the same link names is a replug.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function socatAvailable(): boolean {
  const result = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return result.status === 0;
}

export interface PtyPair {
  /** The end a simulator opens. */
  devicePath: string;
  /** The end the driver opens (what a kiosk's config would name). */
  hostPath: string;
  /** Kill socat: both ends disappear. */
  unplug(): Promise<void>;
  /** Start socat again; with `hostPath` the host end appears under a new name (a path change). */
  replug(options?: { hostPath?: string }): Promise<void>;
  stop(): Promise<void>;
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function killAndWait(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startPtyPair(options: { dir?: string; name?: string } = {}): Promise<PtyPair> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kiosk-pty-'));
  const name = options.name ?? 'dev';
  const devicePath = join(dir, `${name}-device`);
  let hostPath = join(dir, `${name}-host`);
  let child: ChildProcess | null = null;

  const launch = async (): Promise<void> => {
    const proc = spawn('socat', [`pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${hostPath}`], { stdio: 'ignore' });
    child = proc;
    proc.unref();
    await waitFor(() => existsSync(devicePath) && existsSync(hostPath), 5_000, 'socat pty pair');
  };
  await launch();

  const pair: PtyPair = {
    devicePath,
    get hostPath() {
      return hostPath;
    },
    unplug: async () => {
      await killAndWait(child);
      child = null;
      await waitFor(() => !existsSync(hostPath), 2_000, 'pty links to go').catch(() => undefined);
    },
    replug: async (replugOptions = {}) => {
      if (child) await killAndWait(child);
      if (replugOptions.hostPath) hostPath = replugOptions.hostPath;
      await launch();
    },
    stop: async () => {
      await killAndWait(child);
      child = null;
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return pair;
}
