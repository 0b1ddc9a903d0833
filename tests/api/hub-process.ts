/**
 * A real hub process for API tests: `node --import tsx server/cli/main.ts hub …` on port 0, its URL
 * read from what it prints. Own process group, so a test can SIGKILL it like a power cut.
 */
import type { ChildProcess } from 'node:child_process';
import { newDataDir as newTempDataDir, startHub as startHubProcess } from '../support/hub-process.js';

export interface HubProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  /** Sends the signal to the process group and answers the exit code (null when killed by a signal). */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export const newDataDir = (): string => newTempDataDir('hub-api-');

/** Starts `hub --demo`, or `hub --config FILE` when `configFile` is given. */
export async function startHub(
  options: { dataDir?: string; args?: string[]; configFile?: string } = {},
): Promise<HubProcess> {
  const hub = await startHubProcess({
    dataDir: options.dataDir ?? newDataDir(),
    configFile: options.configFile,
    extraArgs: options.args ?? [],
    env: { LOG_LEVEL: 'warn' },
    startupTimeoutMs: 60_000,
  });
  return {
    url: hub.url,
    dataDir: hub.dataDir,
    child: hub.child,
    output: hub.output,
    async kill(signal = 'SIGTERM') {
      await hub.kill(signal, 10_000);
      return (await hub.exited).code;
    },
  };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = unknown>(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; token?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

export async function signIn(base: string, username = 'demo', password = 'demo'): Promise<string> {
  const answer = await call<{ token: string }>(base, 'POST', '/api/auth/login', { body: { username, password } });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}
