/**
 * A real hub process for API tests: `node --import tsx server/cli/main.ts hub …` on port 0, its URL
 * read from what it prints. Own process group, so a test can SIGKILL it like a power cut.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HubProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** Sends the signal to the process group and answers the exit code (null when killed by a signal). */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export const newDataDir = (): string => mkdtempSync(join(tmpdir(), 'hub-api-'));

/** Starts `hub --demo`, or `hub --config FILE` when `configFile` is given. */
export async function startHub(options: { dataDir?: string; args?: string[]; configFile?: string } = {}): Promise<HubProcess> {
  const dataDir = options.dataDir ?? newDataDir();
  const site = options.configFile ? ['--config', options.configFile] : ['--demo'];
  const args = ['--import', 'tsx', 'server/cli/main.ts', 'hub', ...site, '--port', '0', '--data', dataDir, ...(options.args ?? [])];
  const child = spawn(process.execPath, args, { cwd: process.cwd(), detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /Listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    output: () => output,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return child.exitCode;
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* gone */
      }
      const force = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(force);
      return code;
    },
  };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = unknown>(base: string, method: string, path: string, options: { body?: unknown; raw?: string; token?: string } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${base}${path}`, { method, headers, body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

export async function signIn(base: string, username = 'demo', password = 'demo'): Promise<string> {
  const answer = await call<{ token: string }>(base, 'POST', '/api/auth/login', { body: { username, password } });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}
