/**
 * A desk or display machine has no server of its own, but the fleet view should still see it: its
 * shell sends the same heartbeat a kiosk agent does (no devices, no outboxes) with the credential
 * it joined the hub with. A machine that never joined sends nothing.
 */
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { appVersion } from '../fleet/app-version.js';
import { CredentialFileError, credentialFilePath, readMachineCredential } from '../machines/credential-file.js';
import { HeartbeatSender, rememberLastError } from './heartbeat.js';
import { HubLink } from './hub-link.js';

export interface ScreenMachineOptions {
  dataDir: string;
  /** The hub the shell shows; default the one the machine joined. */
  hubUrl?: string;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
}

/** Starts the heartbeat; answers how to stop it, or null when this machine has not joined a hub. */
export function startScreenMachineHeartbeat(
  options: ScreenMachineOptions,
): { stop(): void; sender: HeartbeatSender } | null {
  if (!existsSync(credentialFilePath(options.dataDir))) return null;
  let credential;
  try {
    credential = readMachineCredential(options.dataDir);
  } catch (error) {
    // The screen still works without it; the fleet view shows the machine "not seen".
    if (!(error instanceof CredentialFileError)) throw error;
    options.logger.warn({ reason: error.message }, 'machine credential not usable: no heartbeat');
    return null;
  }
  const { logger, lastError } = rememberLastError(options.logger, options.clock);
  const link = new HubLink({
    hubUrl: options.hubUrl ?? credential.hubUrl,
    credential: credential.credential,
    clock: options.clock,
    logger,
    configVersion: () => 'none',
  });
  const startedAt = options.clock.now();
  const sender = new HeartbeatSender({
    link,
    logger,
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
    heartbeat: () => ({
      version: appVersion(),
      uptimeSeconds: Math.max(0, Math.floor((options.clock.now().getTime() - startedAt.getTime()) / 1000)),
      configVersion: null,
      devices: [],
      lastError: lastError(),
      outboxes: [],
      hub: null,
    }),
  });
  sender.start();
  return { sender, stop: () => sender.stop() };
}
