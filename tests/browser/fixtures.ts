/**
 * Playwright fixture: a real hub process (`server/cli/main.ts hub --demo`) per test, on a random
 * port, with its own data folder. The browser talks to it exactly as a real screen would.
 *
 *   import { test, expect } from './fixtures';
 *   test.use({ hubOptions: { waitTargetSeconds: 5 } });
 *   test('…', async ({ page, hub }) => { await page.goto(`${hub.url}/staff`); … });
 *
 * The screens are served from dist/renderer: `npm run test:browser` (and `npm test`) build it first;
 * when running one spec by hand, run `npm run build:renderer` after changing renderer code.
 */
import { test as base, expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HubOptions {
  /** `--wait-target`: the wait standard in seconds (default: the demo site's 600). */
  waitTargetSeconds?: number;
  /** Any further CLI arguments. */
  extraArgs?: string[];
}

export interface Hub {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  dataDir: string;
  /** Everything the process wrote so far (stdout + stderr), for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

const startupTimeoutMs = 45_000;
const listeningUrl = /https?:\/\/(?:127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1?\])(?::\d+)?/;

export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-test-'));
  const args = ['--import', 'tsx', 'server/cli/main.ts', 'hub', '--demo', '--port', '0', '--data', dataDir];
  if (options.waitTargetSeconds !== undefined) args.push('--wait-target', String(options.waitTargetSeconds));
  args.push(...(options.extraArgs ?? []));

  // Own process group, so stopping it also stops anything it started.
  const child = spawn(process.execPath, args, { cwd: process.cwd(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`hub printed no URL within ${startupTimeoutMs} ms:\n${output}`)), startupTimeoutMs);
    const onData = () => {
      const match = listeningUrl.exec(output);
      if (match) {
        cleanup();
        resolve(match[0].replace('0.0.0.0', '127.0.0.1').replace('localhost', '127.0.0.1'));
      }
    };
    const onExit = (code: number | null, signal: string | null) => fail(new Error(`hub exited (${code ?? signal}) before listening:\n${output}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    }
    function fail(error: Error) {
      cleanup();
      killGroup(child, 'SIGKILL');
      reject(error);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });

  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
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

/** Plain HTTP calls against the hub, for arranging a test (issuing tickets, signing in). */
export class HubApi {
  private token: string | null = null;
  constructor(private readonly http: APIRequestContext) {}

  async signIn(username = 'demo', password = 'demo'): Promise<string> {
    const response = await this.http.post('/api/auth/login', { data: { username, password } });
    expect(response.status(), await response.text()).toBe(200);
    this.token = ((await response.json()) as { token: string }).token;
    return this.token;
  }

  private headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  async get<T>(path: string): Promise<T> {
    const response = await this.http.get(path, { headers: this.headers() });
    expect(response.ok(), `GET ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  /** POST that must succeed; returns the parsed body, or null for 204. */
  async post<T>(path: string, data?: unknown): Promise<T | null> {
    const response = await this.http.post(path, { headers: this.headers(), data: data ?? {} });
    expect(response.ok(), `POST ${path}: ${response.status()} ${await response.text()}`).toBe(true);
    return response.status() === 204 ? null : ((await response.json()) as T);
  }

  async services(): Promise<Array<{ id: string; name: string; prefix: string }>> {
    return this.get('/api/services');
  }

  async desks(): Promise<Array<{ id: string; name: string }>> {
    return this.get('/api/desks');
  }

  async issueTicket(service: string, priority = false): Promise<{ id: string; number: string; service: string }> {
    const ticket = await this.post<{ id: string; number: string; service: string }>('/api/tickets', { service, priority });
    if (!ticket) throw new Error('POST /api/tickets answered 204');
    return ticket;
  }
}

export const test = base.extend<{ hubOptions: HubOptions; hub: Hub; api: HubApi }>({
  hubOptions: [{}, { option: true }],
  hub: async ({ hubOptions }, use, testInfo) => {
    const hub = await startHub(hubOptions);
    await use(hub);
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('hub output', { body: hub.output(), contentType: 'text/plain' });
    await hub.stop();
  },
  api: async ({ hub }, use) => {
    const http = await playwrightRequest.newContext({ baseURL: hub.url });
    await use(new HubApi(http));
    await http.dispose();
  },
});

export { expect };
