/**
 * The log files a support bundle takes from `<data>/logs` (the hub's or agent's rolled files and the
 * shell's shell.log), masked once more, and what can be read from them when no server is running:
 * the error lines, and each device's last reported state.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { maskLines } from '../logging/mask.js';

export interface LogFile {
  name: string;
  bytes: number;
  modifiedAt: Date;
}

/** The .log files of the folder, newest first. */
export function listLogFiles(folder: string): LogFile[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.log'))
    .map((entry) => {
      const stat = statSync(join(folder, entry.name));
      return { name: entry.name, bytes: stat.size, modifiedAt: stat.mtime };
    })
    .sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || b.name.localeCompare(a.name));
}

export const readMaskedLog = (folder: string, file: LogFile): string =>
  maskLines(readFileSync(join(folder, file.name), 'utf8'));

export interface LogLine {
  level: number;
  time: string;
  msg: string;
  fields: Record<string, unknown>;
  raw: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The JSON lines of a (masked) log text that pino wrote; other lines are skipped. */
export function parseLogLines(text: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.startsWith('{')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      continue;
    }
    if (!isRecord(parsed) || typeof parsed.level !== 'number') continue;
    const time =
      typeof parsed.time === 'string'
        ? parsed.time
        : typeof parsed.time === 'number'
          ? new Date(parsed.time).toISOString()
          : '';
    lines.push({
      level: parsed.level,
      time,
      msg: typeof parsed.msg === 'string' ? parsed.msg : '',
      fields: parsed,
      raw,
    });
  }
  return lines;
}

export const errorLevel = 50;

/** Error and fatal lines, oldest first, at most `limit` (the latest). */
export function recentErrors(lines: readonly LogLine[], limit = 500): LogLine[] {
  return lines
    .filter((line) => line.level >= errorLevel)
    .sort((a, b) => a.time.localeCompare(b.time))
    .slice(-limit);
}

export interface DeviceFromLogs {
  kiosk: string | null;
  device: string;
  /** The full state when the line carried one (`device state changed`), else null. */
  state: Record<string, unknown> | null;
  lastMessage: string;
  level: number;
  at: string;
}

/**
 * Each device's latest line: a `deviceState` when the server logged one, otherwise the last line
 * that named the device (connected, lost, registered…), which is what a stopped server left.
 */
export function devicesFromLogs(lines: readonly LogLine[]): DeviceFromLogs[] {
  const latest = new Map<string, DeviceFromLogs>();
  for (const line of [...lines].sort((a, b) => a.time.localeCompare(b.time))) {
    const state = isRecord(line.fields.deviceState) ? line.fields.deviceState : null;
    const device = typeof state?.id === 'string' ? state.id : line.fields.device;
    if (typeof device !== 'string') continue;
    const kioskField = state?.kiosk ?? line.fields.kiosk;
    const kiosk = typeof kioskField === 'string' ? kioskField : null;
    const key = `${kiosk ?? ''}/${device}`;
    const previous = latest.get(key);
    latest.set(key, {
      kiosk,
      device,
      state: state ?? previous?.state ?? null,
      lastMessage: line.msg,
      level: line.level,
      at: line.time,
    });
  }
  return [...latest.values()].sort((a, b) => `${a.kiosk}/${a.device}`.localeCompare(`${b.kiosk}/${b.device}`));
}
