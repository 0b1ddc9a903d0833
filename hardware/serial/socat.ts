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

/**
 * socat runs under a small shell that kills it when our stdin pipe closes — that is, when this
 * process exits for any reason (even SIGKILL) — so no pty pair outlives the server or test that
 * made it. The shell prints socat's pid first so an "unplug" can kill socat alone.
 */
interface Socat {
  wrapper: ChildProcess;
  pid: number;
}

const WATCHDOG = 'socat "$0" "$1" & s=$!; echo $s; read _; kill $s 2>/dev/null';

function spawnSocat(a: string, b: string): Promise<Socat> {
  const wrapper = spawn('sh', ['-c', WATCHDOG, a, b], { stdio: ['pipe', 'pipe', 'ignore'] });
  wrapper.unref();
  return new Promise((resolve, reject) => {
    let out = '';
    wrapper.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ wrapper, pid: Number(line) });
    });
    wrapper.once('error', reject);
    wrapper.once('exit', () => reject(new Error('socat wrapper exited early')));
  });
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function killSocat(socat: Socat | null): Promise<void> {
  if (!socat) return;
  try {
    process.kill(socat.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  await waitFor(() => !alive(socat.pid), 2_000, 'socat to exit').catch(() => undefined);
  socat.wrapper.stdin?.end();
}

export async function startPtyPair(options: { dir?: string; name?: string } = {}): Promise<PtyPair> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kiosk-pty-'));
  const name = options.name ?? 'dev';
  const devicePath = join(dir, `${name}-device`);
  let hostPath = join(dir, `${name}-host`);
  let child: Socat | null = null;

  const launch = async (): Promise<void> => {
    child = await spawnSocat(`pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${hostPath}`);
    await waitFor(() => existsSync(devicePath) && existsSync(hostPath), 5_000, 'socat pty pair');
  };
  await launch();

  const pair: PtyPair = {
    devicePath,
    get hostPath() {
      return hostPath;
    },
    unplug: async () => {
      await killSocat(child);
      child = null;
      await waitFor(() => !existsSync(hostPath), 2_000, 'pty links to go').catch(() => undefined);
    },
    replug: async (replugOptions = {}) => {
      await killSocat(child);
      child = null;
      if (replugOptions.hostPath) hostPath = replugOptions.hostPath;
      await launch();
    },
    stop: async () => {
      await killSocat(child);
      child = null;
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return pair;
}
