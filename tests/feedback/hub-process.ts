/**
 * A real office-server process (`server/cli/main.ts hub …`) for end-to-end tests: its own process
 * group, its own data folder, stopped with SIGTERM (SIGKILL after 5 s).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface HubProcess {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
  /** SIGKILL: a crash or power cut, no shutdown code runs. */
  kill: () => Promise<void>;
}

const listening = /Listening on (http:\/\/[^\s]+)/;

export async function startHubProcess(args: string[], startupTimeoutMs = 45_000): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'hub', ...args], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`hub printed no URL within ${startupTimeoutMs} ms:\n${output}`)), startupTimeoutMs);
    const poll = setInterval(() => {
      const match = listening.exec(output);
      if (match?.[1]) done(null, match[1]);
    }, 50);
    const onExit = (code: number | null) => done(new Error(`hub exited (${code}) before listening:\n${output}`));
    child.once('exit', onExit);
    function done(error: Error | null, value?: string) {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      if (error) {
        killGroup(child, 'SIGKILL');
        reject(error);
      } else resolve(value as string);
    }
  });
  return {
    url,
    output: () => output,
    stop: () => stopProcess(child),
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      killGroup(child, 'SIGKILL');
      await exited;
    },
  };
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

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
