/**
 * An office of real processes for benchmarks: a site config with several kiosks and desks, a hub data
 * folder prepared the way `staff add` and `fleet enrol` prepare it (a staff account, one enrolment
 * code per kiosk), kiosks joined the way `fleet join` joins them, and JSON over HTTP with timings.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import type { SiteConfig } from '../../contract/config.js';
import { PrinterSettings } from '../../contract/devices.js';
import { EnrolResponse } from '../../contract/machines.js';
import { LoginResponse } from '../../contract/queue.js';
import { databaseFileName, serverMigrations } from '../../server/app.js';
import { StaffAccounts } from '../../server/auth/staff.js';
import { systemClock } from '../../server/clock.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import { writeMachineCredential } from '../../server/machines/credential-file.js';
import { MachineRegistry } from '../../server/machines/registry.js';
import { openDatabase } from '../../server/store/database.js';

export interface Answer {
  status: number;
  json: unknown;
  /** From sending the request to the whole answer read. */
  ms: number;
}

/** One request with a JSON body (if any) and a staff token (if any); the answer's JSON and how long it took. */
export async function requestJson(
  method: 'GET' | 'POST',
  url: string,
  options: { body?: unknown; token?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const started = performance.now();
  const response = await fetch(url, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null, ms: performance.now() - started };
}

/** The answer checked: the expected status and the schema, or an error naming what came back. */
export function expectAnswer<S extends z.ZodType>(answer: Answer, status: number, schema: S, what: string): z.infer<S> {
  const parsed = schema.safeParse(answer.json);
  if (answer.status !== status || !parsed.success)
    throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  return parsed.data;
}

/** The demo site with kiosks kiosk-1…kiosk-N and desks desk-1…desk-M (alternating the demo desks' services). */
export function officeSiteConfig(options: {
  kiosks: number;
  desks: number;
  /** Kiosk id → the path of its ticket printer. */
  ticketPrinters?: Record<string, string>;
}): SiteConfig {
  const demo = demoSiteConfig();
  const [kiosk] = demo.kiosks;
  if (!kiosk || demo.desks.length === 0) throw new Error('the demo site has no kiosk or no desk');
  return {
    ...demo,
    kiosks: Array.from({ length: options.kiosks }, (_, i) => {
      const id = `kiosk-${i + 1}`;
      const printerPath = options.ticketPrinters?.[id];
      return {
        ...kiosk,
        id,
        name: `Kiosk ${i + 1}`,
        agent: true,
        ...(printerPath ? { devices: { ticketPrinter: PrinterSettings.parse({ path: printerPath }) } } : {}),
      };
    }),
    desks: Array.from({ length: options.desks }, (_, i) => ({
      id: `desk-${i + 1}`,
      name: `Desk ${i + 1}`,
      services: demo.desks[i % demo.desks.length]?.services ?? [],
    })),
  };
}

export const writeSiteConfig = (file: string, config: SiteConfig): void =>
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);

/**
 * Before the hub first starts on `dataDir`: a staff account, and an enrolment code for each kiosk
 * (what `npm run staff -- add` and `npm run fleet -- enrol ID --role kiosk` do). Answers the codes.
 */
export async function prepareHubData(
  dataDir: string,
  staff: { username: string; password: string },
  kioskIds: readonly string[],
): Promise<Map<string, string>> {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, databaseFileName), serverMigrations());
  try {
    await new StaffAccounts(db, systemClock).upsert(staff.username, staff.password, 'Bench staff');
    const registry = new MachineRegistry(db, systemClock);
    const codes = new Map<string, string>();
    for (const id of kioskIds) {
      const made = await registry.newCode(id, 'kiosk', 30);
      if (!made.ok) throw new Error(`${id} is already enrolled as a ${made.enrolledAs}`);
      codes.set(id, made.code);
    }
    return codes;
  } finally {
    db.close();
  }
}

/** What `fleet join` does on the kiosk: exchanges the code for a credential, kept in `dataDir`. */
export async function joinKiosk(hubUrl: string, kioskId: string, code: string, dataDir: string): Promise<void> {
  const answer = await requestJson('POST', `${hubUrl}/api/machines/enrol`, { body: { machineId: kioskId, code } });
  const enrolled = expectAnswer(answer, 200, EnrolResponse, `enrolling ${kioskId}`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeMachineCredential(dataDir, { hubUrl, ...enrolled });
}

export async function staffLogin(hubUrl: string, staff: { username: string; password: string }): Promise<string> {
  const answer = await requestJson('POST', `${hubUrl}/api/auth/login`, { body: staff });
  return expectAnswer(answer, 200, LoginResponse, 'staff sign-in').token;
}
