/**
 * A support bundle: one .tar.gz facilities send to whoever supports the office, holding what is
 * needed to see what went wrong and nothing personal or secret.
 *
 *   manifest.json   what is in it, when and by what it was made
 *   versions.json   app, Node, platform, migrations applied
 *   config.json     the site config without its secrets (server/support/site-config.ts)
 *   devices.json    each device's state: live from a running server, else its last word in the logs
 *   database.json   outbox depths, row counts, machines (server/support/database-facts.ts)
 *   errors.jsonl    the latest error-level log lines
 *   logs/…          the log files of `<data>/logs`, newest first, up to a total size
 *
 * Logs are masked when written (server/logging/logger.ts); every file of the bundle is masked again
 * here, and every secret value the config or the machine credential holds is removed wherever it
 * appears, so a secret logged by mistake, or planted in a file by hand, still does not leave.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, release, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { create as createTar } from 'tar';
import packageJson from '../../package.json' with { type: 'json' };
import type { DeviceState } from '../../contract/devices.js';
import type { Clock } from '../clock.js';
import { maskJson, maskLines, maskedSecret } from '../logging/mask.js';
import { logsFolder } from '../logging/logger.js';
import { credentialFilePath } from '../machines/credential-file.js';
import type { Db } from '../store/database.js';
import { databaseFacts } from './database-facts.js';
import { devicesFromLogs, listLogFiles, parseLogLines, readMaskedLog, recentErrors } from './log-files.js';
import { configWithoutSecrets } from './site-config.js';

export const appVersion: string = packageJson.version;

/** Logs taken, newest first, until this many bytes; the manifest lists the files left out. */
export const defaultMaxLogBytes = 64 * 1024 * 1024;

export interface SupportBundleSources {
  dataDir: string;
  clock: Clock;
  /** "hub" (GET /api/support-bundle) or "support-bundle command" (offline, from the files). */
  madeBy: string;
  /** The site config as it stands (parsed or raw JSON); null when none could be found. */
  config: unknown;
  /** Where the config came from, for the manifest ("running hub", a file path…). */
  configSource: string | null;
  /** The SQLite file, open (read-only from the command); null when there is none. */
  db: Db | null;
  /** A running server's device states; null to read them from the logs. */
  liveDevices: DeviceState[] | null;
  maxLogBytes?: number;
}

export interface BundleFile {
  path: string;
  description: string;
  content: string;
}

export interface SupportBundle {
  files: BundleFile[];
  /** The site's name and id, when the config gave them (for the file name). */
  site: { id: string; name: string } | null;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function siteOf(config: unknown): { id: string; name: string } | null {
  if (!isRecord(config) || !isRecord(config.site)) return null;
  const { id, name } = config.site;
  return typeof id === 'string' && typeof name === 'string' ? { id, name } : null;
}

/** The machine's own credential, when it joined a hub: never in the bundle, so scrubbed wherever it is. */
function machineCredential(dataDir: string): string | null {
  const file = credentialFilePath(dataDir);
  if (!existsSync(file)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isRecord(parsed) && typeof parsed.credential === 'string' ? parsed.credential : null;
  } catch {
    return null;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Collects every file of the bundle, masked and scrubbed, in memory. */
export function collectSupportBundle(sources: SupportBundleSources): SupportBundle {
  const generatedAt = sources.clock.now().toISOString();
  const stripped = configWithoutSecrets(sources.config);
  const credential = machineCredential(sources.dataDir);
  const secrets = [...stripped.secrets, ...(credential ? [credential] : [])].filter((secret) => secret.length >= 6);
  const scrub =
    secrets.length === 0
      ? (text: string) => text
      : (text: string) => text.replace(new RegExp(secrets.map(escapeRegExp).join('|'), 'g'), () => maskedSecret);
  const files: BundleFile[] = [];
  // A JSON document is masked token by token (it stays valid JSON); logs line by line.
  const mask = (path: string, content: string) => (path.endsWith('.json') ? maskJson(content) : maskLines(content));
  const add = (path: string, description: string, content: string) =>
    files.push({ path, description, content: scrub(mask(path, content)) });

  const folder = logsFolder(sources.dataDir);
  const maxLogBytes = sources.maxLogBytes ?? defaultMaxLogBytes;
  let logBytes = 0;
  const logsLeftOut: string[] = [];
  const logTexts: string[] = [];
  for (const file of listLogFiles(folder)) {
    if (logBytes + file.bytes > maxLogBytes && logTexts.length > 0) {
      logsLeftOut.push(file.name);
      continue;
    }
    logBytes += file.bytes;
    const text = readMaskedLog(folder, file);
    logTexts.push(text);
    add(`logs/${file.name}`, `log file (masked again), last written ${file.modifiedAt.toISOString()}`, text);
  }
  const lines = logTexts.flatMap(parseLogLines);

  const facts = sources.db ? databaseFacts(sources.db, sources.clock) : null;
  add(
    'versions.json',
    'app, Node and platform versions, and the database migrations applied',
    json({
      app: appVersion,
      node: process.version,
      platform: platform(),
      arch: arch(),
      osRelease: release(),
      migrations: facts?.migrations ?? null,
    }),
  );
  add(
    'config.json',
    'the site config with every secret removed',
    json({ source: sources.configSource, config: stripped.config }),
  );
  add(
    'devices.json',
    sources.liveDevices
      ? 'device states of the running server'
      : 'each device as last reported in the logs (no server was asked)',
    json(
      sources.liveDevices
        ? { source: 'live', states: sources.liveDevices }
        : { source: 'logs', devices: devicesFromLogs(lines) },
    ),
  );
  add(
    'database.json',
    'outbox depths, row counts and machines of the SQLite file (no credentials, no personal data)',
    json(facts ? { tables: facts.tables, outboxes: facts.outboxes, machines: facts.machines } : { database: null }),
  );
  const errors = recentErrors(lines);
  add(
    'errors.jsonl',
    `the latest ${errors.length} error-level log lines`,
    errors.map((line) => `${line.raw}\n`).join(''),
  );

  const manifest = {
    generatedAt,
    madeBy: sources.madeBy,
    app: appVersion,
    site: siteOf(sources.config),
    files: [
      { path: 'manifest.json', description: 'this list' },
      ...files.map((file) => ({
        path: file.path,
        description: file.description,
        bytes: Buffer.byteLength(file.content),
      })),
    ],
    logsLeftOut,
  };
  files.unshift({ path: 'manifest.json', description: 'this list', content: scrub(maskJson(json(manifest))) });
  return { files, site: siteOf(sources.config) };
}

/** "support-housing-office-2026-07-14T0900Z.tar.gz" */
export function bundleFileName(bundle: SupportBundle, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/:\d{2}\.\d{3}Z$/, 'Z')
    .replace(/:/g, '');
  return `support-${bundle.site?.id ?? 'reception-kiosk'}-${stamp}.tar.gz`;
}

/**
 * The bundle as a gzipped tar stream. The files are staged in a temporary folder, removed once the
 * stream has ended or failed.
 */
export function supportBundleStream(bundle: SupportBundle): Readable {
  const staging = mkdtempSync(join(tmpdir(), 'support-bundle-'));
  const root = 'support-bundle';
  for (const file of bundle.files) {
    const target = join(staging, root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content, { mode: 0o600 });
  }
  // portable: no user or group names of this machine in the archive.
  const stream = Readable.from(createTar({ gzip: true, cwd: staging, portable: true }, [root]));
  const cleanUp = () => rmSync(staging, { recursive: true, force: true });
  stream.once('close', cleanUp);
  stream.once('error', cleanUp);
  return stream;
}

export async function writeSupportBundle(bundle: SupportBundle, outFile: string): Promise<void> {
  mkdirSync(dirname(outFile), { recursive: true });
  await pipeline(supportBundleStream(bundle), createWriteStream(outFile, { mode: 0o600 }));
}
