/**
 * The office server's command line.
 *   hub --demo | --config FILE  [--port N] [--host H] [--data DIR] [--wait-target SECONDS]
 *   hub --demo --test-clock [START]   (tests: time stands still and moves by POST /api/test-clock)
 *   config check FILE
 *   staff add USERNAME [--name NAME] [--data DIR]   (password on standard input)
 *   fleet enrol|list|revoke|join …                  (machines joining the office: server/cli/fleet.ts)
 *   kiosk-agent --kiosk ID [--hub URL] [--data DIR] [--port N]   (a kiosk's own server: server/cli/kiosk-agent.ts)
 *   support-bundle [--data DIR] [--config FILE] [--out FILE]      (server/cli/support-bundle.ts)
 */
import { Command } from 'commander';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { createServer, databaseFileName, serverMigrations } from '../app.js';
import { StaffAccounts } from '../auth/staff.js';
import { systemClock } from '../clock.js';
import { openDatabase } from '../store/database.js';
import { demoSiteConfig, demoStaff, seedDemo } from '../demo/seed.js';
import { createLogger, logRotationFromEnv } from '../logging/logger.js';
import { screens } from '../http/screens.js';
import { defaultDataDir } from './data-dir.js';
import { wholeNumberOption } from './options.js';
import { registerFleetCommands } from './fleet.js';
import { registerKioskAgentCommand } from './kiosk-agent.js';
import { registerSupportBundleCommand } from './support-bundle.js';
import { closeOnSignals } from './signals.js';
import { checkSiteConfigFile } from './site-config.js';
import { registerTestClock, testClockPath, testClockStartingAt } from './test-clock.js';

const program = new Command().name('reception-kiosk').description('Reception Kiosk office server');

program
  .command('hub')
  .description('run the office server: API, WebSocket events and the screens')
  .option('--demo', 'use the demo housing-office site, simulated devices and the demo staff account demo/demo')
  .option('--config <file>', 'site config file (JSON, see contract/config.ts)')
  .option('--port <n>', 'port to listen on (0 = any free port)', wholeNumberOption('--port', 0), 8080)
  .option('--host <host>', 'address to listen on (0.0.0.0 for the office network)', '127.0.0.1')
  .option('--data <dir>', 'folder for the SQLite file (default: the per-user data folder)')
  .option(
    '--wait-target <seconds>',
    "override the site's wait standard, in seconds",
    wholeNumberOption('--wait-target', 1),
  )
  .option(
    '--test-clock [start]',
    `tests only, with --demo: time stands still at START (ISO 8601, default now) and moves by POST ${testClockPath}`,
  )
  .action(
    async (options: {
      demo?: boolean;
      config?: string;
      port: number;
      host: string;
      data?: string;
      waitTarget?: number;
      testClock?: string | true;
    }) => {
      if (!options.demo === !options.config) {
        console.error('Say which site: --demo for the demo site, or --config FILE for a real one.');
        process.exit(2);
      }
      if (options.testClock !== undefined && !options.demo) {
        console.error('--test-clock is for tests of the demo site only: a real site always runs on the real time.');
        process.exit(2);
      }
      const testClock = options.testClock === undefined ? undefined : testClockStartingAt(options.testClock);
      if (testClock && 'problem' in testClock) {
        console.error(testClock.problem);
        process.exit(2);
      }
      let config;
      if (options.config) {
        const check = checkSiteConfigFile(options.config);
        if (!check.ok) {
          console.error(`${options.config} is not a valid site config:`);
          for (const problem of check.problems) console.error(`  ${problem.path}: ${problem.message}`);
          process.exit(1);
        }
        config =
          options.waitTarget === undefined ? check.config : { ...check.config, waitTargetSeconds: options.waitTarget };
      } else {
        config = demoSiteConfig(options.waitTarget === undefined ? {} : { waitTargetSeconds: options.waitTarget });
      }
      const dataDir = options.data ?? defaultDataDir();
      const { logger, folder: logFolder } = await createLogger({
        dataDir,
        name: 'hub',
        level: process.env.LOG_LEVEL ?? 'info',
        rotation: logRotationFromEnv(),
        stderr: true,
      });
      const clock = testClock ?? systemClock;
      const server = await createServer({ config, dataDir, clock, simulateDevices: Boolean(options.demo), logger });
      if (testClock) registerTestClock(server.app, testClock);
      if (options.demo) await seedDemo(server.staff);
      const url = await server.listen(options.port, options.host);

      console.log(`Reception Kiosk office server for ${config.site.name} (${options.demo ? 'demo' : options.config})`);
      console.log(`Data: ${dataDir}/${databaseFileName}`);
      console.log(`Logs: ${logFolder}`);
      console.log(`Listening on ${url}`);
      for (const screen of screens) console.log(`  ${screen.padEnd(8)} ${url}/${screen}`);
      console.log(`  api      ${url}/api/services`);
      if (options.host === '0.0.0.0' || options.host === '::') {
        const port = new URL(url).port;
        const lan = Object.values(networkInterfaces())
          .flat()
          .filter((i) => i && i.family === 'IPv4' && !i.internal);
        for (const address of lan)
          if (address) console.log(`  on the office network: http://${address.address}:${port}/`);
      }
      if (options.demo) console.log(`Staff sign-in (demo only): ${demoStaff.username} / ${demoStaff.password}`);
      console.log(`Wait standard: ${config.waitTargetSeconds} s`);
      if (testClock)
        console.log(
          `TEST CLOCK: the time stands still at ${testClock.now().toISOString()} and moves only by POST ${testClockPath}`,
        );

      closeOnSignals(() => server.close(), logger);
    },
  );

program
  .command('staff')
  .description('staff accounts')
  .command('add')
  .argument('<username>', 'sign-in name')
  .option('--name <display name>', 'name shown on the staff console')
  .option('--data <dir>', 'folder of the SQLite file (default: the per-user data folder)')
  .description('create a staff account or set its password; the password is read from standard input (one line)')
  .action(async (username: string, options: { name?: string; data?: string }) => {
    const password = (await readStdinLine()).trim();
    if (password.length < 8) {
      console.error('The password must have at least 8 characters.');
      process.exit(1);
    }
    const dataDir = options.data ?? defaultDataDir();
    const db = openDatabase(join(dataDir, databaseFileName), serverMigrations());
    await new StaffAccounts(db, systemClock).upsert(username, password, options.name ?? username);
    db.close();
    console.log(`Staff account "${username}" saved in ${join(dataDir, databaseFileName)}.`);
  });

async function readStdinLine(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split('\n')[0] ?? '';
}

const configCommand = program.command('config').description('site config tools');
configCommand
  .command('check')
  .argument('<file>', 'site config file (JSON)')
  .description('check a site config and name every field at fault')
  .action((file: string) => {
    const check = checkSiteConfigFile(file);
    if (check.ok) {
      console.log(
        `${file}: valid (${check.config.services.length} services, ${check.config.desks.length} desks, ${check.config.kiosks.length} kiosks).`,
      );
      return;
    }
    console.error(`${file}: ${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}`);
    for (const problem of check.problems) console.error(`  ${problem.path}: ${problem.message}`);
    process.exitCode = 1;
  });

registerFleetCommands(program);
registerKioskAgentCommand(program);
registerSupportBundleCommand(program);

await program.parseAsync(process.argv);
