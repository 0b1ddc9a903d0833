/**
 * `kiosk-agent --kiosk ID [--hub URL] [--data DIR] [--port N]`: this kiosk's own server on
 * loopback, which its screen talks to (server/agent/agent.ts). The machine must have joined the hub
 * first (`fleet join`). `--clock-skew` runs it with a clock that many seconds wrong, to try what the
 * hub does with a kiosk whose clock is off.
 */
import type { Command } from 'commander';
import { AgentStartError, startKioskAgent } from '../agent/agent.js';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { createLogger, logRotationFromEnv } from '../logging/logger.js';
import { CredentialFileError } from '../machines/credential-file.js';
import { defaultDataDir } from './data-dir.js';
import { wholeNumberOption } from './options.js';
import { closeOnSignals } from './signals.js';

const skewedClock = (seconds: number): Clock => ({ now: () => new Date(Date.now() + seconds * 1000) });

export function registerKioskAgentCommand(program: Command): void {
  program
    .command('kiosk-agent')
    .description("run this kiosk's own server (its devices, payments, feedback; tickets from the hub)")
    .requiredOption('--kiosk <id>', 'this kiosk, as enrolled with the hub and listed in the site config')
    .option('--hub <url>', 'the office hub (default: the hub this machine joined)')
    .option('--data <dir>', 'folder of the machine credential and the SQLite file (default: the per-user data folder)')
    .option(
      '--port <n>',
      'loopback port the kiosk screen uses (0 = any free port)',
      wholeNumberOption('--port', 0),
      8090,
    )
    .option('--simulate', 'run device simulators for devices with no port (demo, tests)')
    .option(
      '--clock-skew <seconds>',
      'run with a clock this many seconds wrong (testing only)',
      wholeNumberOption('--clock-skew', -86_400),
    )
    .action(
      async (options: {
        kiosk: string;
        hub?: string;
        data?: string;
        port: number;
        simulate?: boolean;
        clockSkew?: number;
      }) => {
        const dataDir = options.data ?? defaultDataDir();
        const { logger } = await createLogger({
          dataDir,
          name: 'kiosk-agent',
          level: process.env.LOG_LEVEL ?? 'info',
          rotation: logRotationFromEnv(),
          stderr: true,
        });
        try {
          const agent = await startKioskAgent({
            kioskId: options.kiosk,
            dataDir,
            ...(options.hub ? { hubUrl: options.hub } : {}),
            port: options.port,
            clock: options.clockSkew ? skewedClock(options.clockSkew) : systemClock,
            logger,
            simulateDevices: Boolean(options.simulate),
          });
          console.log(`Kiosk agent for ${options.kiosk}, hub ${agent.link.hubUrl} (${agent.link.state})`);
          console.log(`Listening on ${agent.url}`);
          console.log(`  kiosk    ${agent.url}/kiosk?kiosk=${encodeURIComponent(options.kiosk)}`);
          console.log(`  status   ${agent.url}/api/agent/status`);
          closeOnSignals(() => agent.close(), logger);
        } catch (error) {
          if (error instanceof AgentStartError || error instanceof CredentialFileError) {
            console.error(error.message);
            process.exitCode = 1;
            return;
          }
          throw error;
        }
      },
    );
}
