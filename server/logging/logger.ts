/**
 * The logger of the hub and of a kiosk agent: pino JSON lines to `<data>/logs/<name>.<date>.<n>.log`,
 * rolled daily and by size with the oldest files removed (pino-roll), and to stderr. Nothing
 * personal or secret is written: known secret fields are redacted by path, and every line then goes
 * through maskJson (server/logging/mask.ts), which masks card numbers, PINs and any value under a
 * secret-sounding key at any depth. Times are ISO 8601 UTC (an epoch in milliseconds has 13 digits,
 * as many as the shortest card number).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import pinoRoll from 'pino-roll';
import { maskJson, maskedSecret } from './mask.js';

export interface LogRotation {
  /** Start a new file every day (or hour), whatever its size. */
  frequency: 'daily' | 'hourly';
  /** …and whenever the file reaches this size ("10m", "500k"). */
  maxSize: string;
  /** Rolled files kept besides the one being written; older ones are removed. */
  keep: number;
}

export const defaultLogRotation: LogRotation = { frequency: 'daily', maxSize: '10m', keep: 14 };

export const logsFolderName = 'logs';
export const logsFolder = (dataDir: string): string => join(dataDir, logsFolderName);
export const logFileExtension = '.log';

/** Fields redacted wherever pino finds them; mask.ts then catches the same names at any depth. */
export const redactPaths = [
  'authorization',
  'cookie',
  'password',
  'pin',
  'token',
  'credential',
  'secret',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.pin',
  '*.token',
  '*.credential',
  '*.secret',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["set-cookie"]',
  'res.headers["set-cookie"]',
  'body.code',
  'req.body.code',
  'payments.office.token',
  'payments.ingestToken',
  'config.payments.office.token',
  'config.payments.ingestToken',
  'officeToken',
  'ingestToken',
  'enrolmentCode',
];

export interface CreateLoggerOptions {
  dataDir: string;
  /** The file's name and the `app` field of every line, e.g. "hub" or "kiosk-agent". */
  name: string;
  level?: string;
  rotation?: Partial<LogRotation>;
  /** Also write every line to stderr (the CLIs do; tests need not). */
  stderr?: boolean;
}

export interface FileLogger {
  logger: Logger;
  /** The folder the files are in. */
  folder: string;
  /** Writes what is buffered and closes the file. */
  close: () => Promise<void>;
}

/** Rotation read from LOG_MAX_SIZE and LOG_KEEP_FILES, for facilities who need other limits. */
export function logRotationFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<LogRotation> {
  const rotation: Partial<LogRotation> = {};
  if (env.LOG_MAX_SIZE && /^\d+[kmg]?$/.test(env.LOG_MAX_SIZE)) rotation.maxSize = env.LOG_MAX_SIZE;
  const keep = Number(env.LOG_KEEP_FILES);
  if (Number.isInteger(keep) && keep > 0) rotation.keep = keep;
  return rotation;
}

const asLevel = (level: string): pino.Level =>
  (['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const).find((known) => known === level) ?? 'info';

export async function createLogger(options: CreateLoggerOptions): Promise<FileLogger> {
  const rotation = { ...defaultLogRotation, ...options.rotation };
  const folder = logsFolder(options.dataDir);
  mkdirSync(folder, { recursive: true });
  const level = asLevel(options.level ?? 'info');
  const file = await pinoRoll({
    file: join(folder, options.name),
    extension: logFileExtension,
    frequency: rotation.frequency,
    size: rotation.maxSize,
    dateFormat: rotation.frequency === 'daily' ? 'yyyy-MM-dd' : 'yyyy-MM-dd-HH',
    limit: { count: rotation.keep, removeOtherLogFiles: true },
    mkdir: true,
    // The lines just before a crash are the ones support needs: written as they are logged.
    sync: true,
  });
  const streams: pino.StreamEntry[] = [{ stream: file, level }];
  if (options.stderr) streams.push({ stream: pino.destination({ dest: 2, sync: true }), level });
  const logger = pino(
    {
      level,
      base: { app: options.name },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: maskedSecret },
      hooks: { streamWrite: maskJson },
    },
    pino.multistream(streams),
  );
  let closing: Promise<void> | null = null;
  return {
    logger,
    folder,
    close: () => {
      if (!closing)
        closing = new Promise<void>((resolve) => {
          file.once('close', () => resolve());
          file.end();
        });
      return closing;
    },
  };
}
