/**
 * The support bundle leaks nothing: card numbers, a staff password, a bearer token, a machine
 * credential and an enrolment code are planted in the logs (through the logger and written straight
 * into the files), in the site config and in the database; the bundle is built (from the files, by
 * the command and by GET /api/support-bundle), unpacked with tar, and every byte of every file is
 * searched. The facts support needs (site name, versions, machines, outboxes, errors) are there.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, databaseFileName, type HubServer } from '../../server/app.js';
import { ManualClock } from '../../server/clock.js';
import { createLogger, type FileLogger } from '../../server/logging/logger.js';
import { writeMachineCredential } from '../../server/machines/credential-file.js';
import { MachineRegistry } from '../../server/machines/registry.js';
import { kioskConfigPart } from '../../server/machines/kiosk-config-part.js';
import { hashCredential, normaliseCode } from '../../server/machines/secrets.js';
import { Outbox } from '../../server/outbox/outbox.js';
import { appVersion, collectSupportBundle, writeSupportBundle } from '../../server/support/bundle.js';
import { openDatabaseReadOnly } from '../../server/support/database-facts.js';
import { ingestToken, officeToken, twoKioskConfig } from '../machines/office-config.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const siteName = 'Arbury Area Housing Office';
const staffPassword = 'correct-horse-battery-staple';
const cards = ['4111 1111 1111 1111', '4111111111111111', '5500-0000-0000-0004'];
const terminalPasswords = ['246810', '135791'];

const work = mkdtempSync(join(tmpdir(), 'support-bundle-test-'));
const dataDir = join(work, 'data');
const configFile = join(work, 'site.json');
const clock = new ManualClock(new Date('2026-07-14T09:00:00.000Z'));
let server: HubServer;
let fileLogger: FileLogger;
let staffToken = '';
let credential = '';
let code = '';

/** Every secret planted, in every form it was planted in. */
const secrets = () => [
  ...cards,
  staffPassword,
  staffToken,
  credential,
  hashCredential(credential),
  code,
  normaliseCode(code),
  officeToken,
  ingestToken,
  ...terminalPasswords,
];

beforeAll(async () => {
  const config = twoKioskConfig();
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  fileLogger = await createLogger({ dataDir, name: 'hub' });
  server = await createServer({
    config,
    dataDir,
    clock,
    logger: fileLogger.logger,
    rendererDir: join(work, 'no-renderer'),
  });
  await server.app.ready();
  await server.staff.upsert('facilities', staffPassword, 'Facilities');
  const login = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'facilities', password: staffPassword },
  });
  staffToken = login.json<{ token: string }>().token;

  // The database: a machine that joined (its credential hash), a code waiting, an outbox item whose
  // payload and last error carry a card number and a token.
  const registry = new MachineRegistry(server.ctx.db, clock);
  const kiosk2Code = await registry.newCode('kiosk-2', 'kiosk', 30);
  if (!kiosk2Code.ok) throw new Error('kiosk-2 could not be enrolled');
  const joined = await registry.enrol('kiosk-2', kiosk2Code.code, () => null);
  if (!joined.ok) throw new Error(`kiosk-2 could not join: ${joined.reason}`);
  credential = joined.credential;
  const waiting = await registry.newCode('kiosk-1', 'kiosk', 30);
  if (!waiting.ok) throw new Error('kiosk-1 could not be enrolled');
  code = waiting.code;
  const outbox = new Outbox(server.ctx.db, {
    name: 'payments-test',
    send: () => Promise.resolve(),
    clock,
    logger: pino({ level: 'silent' }),
  });
  outbox.enqueue('payment', 'payment-1', { pan: cards[1], password: staffPassword, token: officeToken });
  server.ctx.db
    .prepare('UPDATE outbox_items SET last_error = ? WHERE id = ?')
    .run(`declined ${cards[0]}, sent with Bearer ${staffToken}`, 'payment-1');
  // As on a kiosk that joined: the credential file in the same data folder.
  writeMachineCredential(dataDir, {
    hubUrl: 'http://office-hub.example:8080',
    machineId: 'kiosk-2',
    role: 'kiosk',
    credential,
  });

  // The logs, through the logger…
  const logger = fileLogger.logger;
  logger.info(
    {
      req: { headers: { authorization: `Bearer ${staffToken}` } },
      body: { machineId: 'kiosk-1', code },
      payment: { pan: cards[0], pin: '1234' },
    },
    `resident paid with ${cards[0]}, then ${cards[1]}`,
  );
  logger.error({ password: staffPassword, credential }, `kiosk-2 sent Machine ${credential} and was refused`);
  logger.info({ config }, 'site config loaded');
  // …and straight into the files, as a careless older version or a hand edit might have left them.
  const hubLog = readdirSync(fileLogger.folder).find((name) => name.startsWith('hub.'));
  if (!hubLog) throw new Error('the logger wrote no hub log');
  appendFileSync(
    join(fileLogger.folder, hubLog),
    `${JSON.stringify({
      level: 50,
      time: '2026-07-14T09:01:00.000Z',
      msg: `card ${cards[2]} declined`,
      pan: 4111111111111111,
      authorization: `Bearer ${staffToken}`,
      password: staffPassword,
      credential,
      code,
    })}\n` +
      `the password is ${staffPassword}; Authorization: Bearer ${staffToken}; code=${normaliseCode(code)}; ` +
      `kiosk-2 credential ${credential}; office token ${officeToken}; terminal ${terminalPasswords[0]}\n`,
  );
  writeFileSync(
    join(fileLogger.folder, 'shell.log'),
    `${JSON.stringify({ level: 30, time: '2026-07-14T08:59:00.000Z', msg: `typed ${cards[1]} on the PIN pad, pin=4321` })}\n`,
  );
});

afterAll(async () => {
  await server.close();
  await fileLogger.close();
  rmSync(work, { recursive: true, force: true });
});

/** Unpacks a bundle with tar and answers every file in it, by path. */
async function unpack(bundleFile: string): Promise<Map<string, Buffer>> {
  const into = mkdtempSync(join(work, 'unpacked-'));
  await extract({ file: bundleFile, cwd: into });
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(into, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path.slice(into.length + 1), readFileSync(path));
    }
  return files;
}

function expectNoSecretIn(files: Map<string, Buffer>): void {
  expect(files.size).toBeGreaterThan(5);
  for (const [path, bytes] of files)
    for (const secret of secrets()) {
      expect(secret.length).toBeGreaterThan(5);
      expect(bytes.includes(Buffer.from(secret)), `${path} holds the planted secret ${secret}`).toBe(false);
    }
}

function expectTheFactsIn(files: Map<string, Buffer>): void {
  const text = (path: string) => {
    const bytes = files.get(`support-bundle/${path}`);
    if (!bytes) throw new Error(`the bundle has no ${path}: it has ${[...files.keys()].join(', ')}`);
    return bytes.toString('utf8');
  };
  const manifest = JSON.parse(text('manifest.json')) as { site: unknown; app: string; files: { path: string }[] };
  expect(manifest.site).toEqual({ id: 'demo-housing-office', name: siteName });
  expect(manifest.app).toBe(appVersion);
  const listed = manifest.files.map((file) => file.path);
  for (const path of files.keys()) expect(listed).toContain(path.replace(/^support-bundle\//, ''));

  const versions = JSON.parse(text('versions.json')) as { app: string; node: string; migrations: { id: string }[] };
  expect(versions.app).toBe(appVersion);
  expect(versions.node).toBe(process.version);
  expect(versions.migrations.map((migration) => migration.id)).toContain('machines-001-machines');

  const config = JSON.parse(text('config.json')) as { config: { site: { name: string }; kiosks: unknown[] } };
  expect(config.config.site.name).toBe(siteName);
  expect(config.config.kiosks).toHaveLength(2);

  const database = JSON.parse(text('database.json')) as {
    machines: { machineId: string }[];
    outboxes: { name: string; pending: number }[];
  };
  expect(database.machines.map((machine) => machine.machineId)).toEqual(['kiosk-1', 'kiosk-2']);
  expect(database.outboxes).toContainEqual(expect.objectContaining({ name: 'payments-test', pending: 1 }));

  expect(text('errors.jsonl')).toContain('kiosk-2 sent Machine [redacted] and was refused');
  expect(text('logs/shell.log')).toContain('on the PIN pad');
}

describe('support bundle', () => {
  it('made from the files (as the command does) holds no planted secret, and the facts support needs', async () => {
    const db = openDatabaseReadOnly(join(dataDir, databaseFileName));
    const bundle = collectSupportBundle({
      dataDir,
      clock,
      madeBy: 'support-bundle command',
      config: JSON.parse(readFileSync(configFile, 'utf8')),
      configSource: configFile,
      db,
      liveDevices: null,
    });
    db.close();
    const out = join(work, 'offline.tar.gz');
    await writeSupportBundle(bundle, out);
    const files = await unpack(out);
    expectNoSecretIn(files);
    expectTheFactsIn(files);
    const devices = JSON.parse(files.get('support-bundle/devices.json')?.toString('utf8') ?? '{}') as {
      source: string;
    };
    expect(devices.source).toBe('logs');
  });

  it('GET /api/support-bundle streams the running hub’s bundle to staff, with live device states', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/support-bundle',
      headers: { authorization: `Bearer ${staffToken}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="support-demo-housing-office-.+\.tar\.gz"$/,
    );
    const out = join(work, 'route.tar.gz');
    writeFileSync(out, response.rawPayload);
    const files = await unpack(out);
    expectNoSecretIn(files);
    expectTheFactsIn(files);
    const devices = JSON.parse(files.get('support-bundle/devices.json')?.toString('utf8') ?? '{}') as {
      source: string;
      states: { kiosk: string }[];
    };
    expect(devices.source).toBe('live');
    expect(devices.states.map((state) => state.kiosk)).toContain('kiosk-1');
  });

  it('GET /api/support-bundle refuses anyone who is not signed-in staff, a kiosk machine included', async () => {
    for (const authorization of [undefined, 'Bearer not-a-staff-token', `Machine ${credential}`]) {
      const response = await server.app.inject({
        method: 'GET',
        url: '/api/support-bundle',
        headers: authorization ? { authorization } : {},
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).not.toBe('application/gzip');
    }
  });

  it('`npm run support-bundle -- --data DIR --config FILE --out FILE` writes the bundle beside a running hub', async () => {
    const out = join(work, 'command.tar.gz');
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli/main.ts',
        'support-bundle',
        '--data',
        dataDir,
        '--config',
        configFile,
        '--out',
        out,
      ],
      { encoding: 'utf8', timeout: 90_000 },
    );
    expect(`${result.stdout}${result.stderr}`).toContain(`Support bundle written to ${out}`);
    expect(result.status).toBe(0);
    const files = await unpack(out);
    expectNoSecretIn(files);
    expectTheFactsIn(files);
  });

  it('on a kiosk, the command takes the config part its agent last fetched, without the terminal password', async () => {
    const kioskData = join(work, 'kiosk-data');
    mkdirSync(join(kioskData, 'agent'), { recursive: true });
    const part = kioskConfigPart(twoKioskConfig(), 'kiosk-1');
    if (!part.ok) throw new Error(part.problem);
    writeFileSync(join(kioskData, 'agent', 'config.json'), JSON.stringify(part.part, null, 2));
    expect(JSON.stringify(part.part)).toContain(terminalPasswords[0]);
    const out = join(work, 'kiosk.tar.gz');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli/main.ts', 'support-bundle', '--data', kioskData, '--out', out],
      { encoding: 'utf8', timeout: 90_000 },
    );
    expect(result.status).toBe(0);
    const files = await unpack(out);
    for (const [path, bytes] of files)
      expect(bytes.includes(Buffer.from(terminalPasswords[0] ?? '')), `${path} holds the terminal password`).toBe(
        false,
      );
    const config = JSON.parse(files.get('support-bundle/config.json')?.toString('utf8') ?? '{}') as {
      source: string;
      config: { site: { name: string }; kiosks: { id: string }[] };
    };
    expect(config.source).toContain('as last fetched from the hub');
    expect(config.config.site.name).toBe(siteName);
    expect(config.config.kiosks.map((kiosk) => kiosk.id)).toEqual(['kiosk-1']);
  });

  it('the command names the folder when there is no data folder', () => {
    const missing = join(work, 'no-such-folder');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli/main.ts', 'support-bundle', '--data', missing],
      { encoding: 'utf8', timeout: 90_000 },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`There is no data folder ${missing}`);
  });
});
