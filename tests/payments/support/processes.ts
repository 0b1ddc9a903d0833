/**
 * Real processes for the payments end-to-end tests: hubs started with a site config file (killed
 * with SIGKILL to cut the power, or stopped with SIGTERM), and the ZVT terminal simulator process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { freePort, startHub as startHubProcess } from '../../support/hub-process.js';

export interface Proc {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code or signal. */
  exited: Promise<string>;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

function startProcess(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(String(signal ?? code))),
  );
  return {
    child,
    output: () => output,
    exited,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        /* gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface HubProc extends Proc {
  url: string;
}

/** `hub --config FILE --data DIR --port N`; resolves once it listens. */
export async function startHub(
  configFile: string,
  dataDir: string,
  port = 0,
  env: Record<string, string> = {},
): Promise<HubProc> {
  const hub = await startHubProcess({ configFile, dataDir, port, env: { LOG_LEVEL: 'info', ...env } });
  return {
    url: hub.url,
    child: hub.child,
    output: hub.output,
    exited: hub.exited.then(({ code, signal }) => String(signal ?? code)),
    kill: (signal = 'SIGKILL') => hub.kill(signal),
  };
}

export interface SimStatus {
  authorisations: number;
  taken: number[];
  log: string[];
  receipts: string[];
}

export interface SimProc extends Proc {
  path: string;
  printerPath: string;
  paperOut: (out: boolean) => void;
  next: (behaviour: string) => void;
  status: () => Promise<SimStatus>;
}

export async function startTerminalSim(stepMs = 20, cardWaitMs = 300): Promise<SimProc> {
  const proc = startProcess(['tests/payments/support/terminal-sim-process.ts', String(stepMs), String(cardWaitMs)]);
  const lines = createInterface({ input: proc.child.stdout! });
  const waiters: ((message: Record<string, unknown>) => void)[] = [];
  lines.on('line', (text) => {
    try {
      const message = JSON.parse(text) as Record<string, unknown>;
      for (const waiter of waiters.splice(0)) waiter(message);
    } catch {
      /* log line */
    }
  });
  const nextMessage = (pick: (m: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`terminal simulator did not answer:\n${proc.output()}`)), 20_000);
      const wait = (message: Record<string, unknown>) => {
        if (pick(message)) {
          clearTimeout(timer);
          resolve(message);
        } else waiters.push(wait);
      };
      waiters.push(wait);
    });
  const ready = await nextMessage((m) => typeof m.ready === 'string');
  const send = (command: unknown) => proc.child.stdin?.write(`${JSON.stringify(command)}\n`);
  return {
    ...proc,
    path: ready.ready as string,
    printerPath: ready.printer as string,
    paperOut: (out) => send({ paperOut: out }),
    next: (behaviour) => send({ next: behaviour }),
    status: async () => {
      const answer = nextMessage((m) => typeof m.status === 'object');
      send({ status: true });
      return (await answer).status as SimStatus;
    },
  };
}

export { freePort };

export const paymentTypes = [
  {
    id: 'council-tax',
    name: 'Council tax',
    reference: { mask: '########', checkDigit: 'mod11', example: '12345679' },
    minPence: 100,
    maxPence: 500000,
    incomeCode: 'CTAX',
  },
  {
    id: 'housing-rent',
    name: 'Housing rent',
    reference: { mask: '##########', checkDigit: 'luhn', example: '1234567897' },
    minPence: 100,
    maxPence: 300000,
    incomeCode: 'HRA',
  },
  {
    id: 'parking-pcn',
    name: 'Parking PCN',
    reference: { mask: '@@########', checkDigit: 'mod11-alpha', example: 'CU00123456' },
    minPence: 500,
    maxPence: 19500,
    incomeCode: 'PCN',
  },
  {
    id: 'council-invoice',
    name: 'Council invoice',
    reference: { mask: 'INV#######', checkDigit: 'mod10-31', example: 'INV1234565' },
    minPence: 100,
    maxPence: 1000000,
    incomeCode: 'SUNDRY',
  },
];

/** Writes a one-kiosk site config; returns its path. */
export function writeSite(
  dir: string,
  name: string,
  options: {
    terminalPath?: string;
    printerPath?: string;
    finalAnswerTimeoutMs?: number;
    office?: { url: string; token: string };
    ingestToken?: string;
    silenceSeconds?: number;
  } = {},
): string {
  const file = join(dir, `${name}.json`);
  const config = {
    site: { id: name, name: `Site ${name}`, councilName: 'Test City Council', timeZone: 'Europe/London' },
    services: [{ id: 'housing', name: 'Housing', prefix: 'H' }],
    desks: [{ id: 'desk-1', name: 'Desk 1' }],
    kiosks: [
      {
        id: 'kiosk-1',
        name: 'Entrance',
        offers: ['tickets', 'payments'],
        devices: {
          ...(options.terminalPath
            ? {
                cardTerminal: {
                  path: options.terminalPath,
                  ...(options.finalAnswerTimeoutMs ? { finalAnswerTimeoutMs: options.finalAnswerTimeoutMs } : {}),
                },
              }
            : {}),
          ...(options.printerPath ? { receiptPrinter: { path: options.printerPath } } : {}),
        },
      },
    ],
    payments: {
      types: paymentTypes,
      terminalSilenceSeconds: options.silenceSeconds ?? 30,
      ...(options.office ? { office: options.office } : {}),
      ...(options.ingestToken ? { ingestToken: options.ingestToken } : {}),
    },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** Reads the hub's SQLite file (read-only; fine while the hub runs, WAL). */
export function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'reception.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
