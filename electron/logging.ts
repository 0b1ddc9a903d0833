/**
 * The shell's log: JSON lines (pino) to stdout and to `<logDir>/shell.log`, where facilities find
 * restarts, refused IPC calls, blocked navigations and update steps (docs/operations.md). The
 * in-process server logs through the same logger, so one file tells the whole story of a kiosk.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

export function createShellLogger(logDir: string, level = 'info'): Logger {
  mkdirSync(logDir, { recursive: true });
  const streams = pino.multistream([
    { stream: process.stdout, level: level as pino.Level },
    // Written synchronously: the shell logs little, and the lines before a crash are the ones
    // facilities need (an asynchronous writer can lose them, or open the file after its folder went).
    { stream: pino.destination({ dest: join(logDir, 'shell.log'), sync: true }), level: level as pino.Level },
  ]);
  return pino({ level, base: { app: 'reception-kiosk-shell' } }, streams);
}
