/**
 * `npm run fleet -- …`: machines joining the office.
 *   On the hub:     enrol ID --role kiosk|desk|display [--config FILE | --demo] [--expires-minutes N] [--data DIR]
 *                   list [--config FILE | --demo] [--data DIR]
 *                   revoke ID [--data DIR]
 *   On the machine: join --hub URL --id ID --code CODE [--data DIR]
 */
import { InvalidArgumentError, type Command } from 'commander';
import { join } from 'node:path';
import { z } from 'zod';
import { MachinesConfig, type SiteConfig } from '../../contract/config.js';
import { EnrolResponse, MachineId, MachineRole, type MachineSummary } from '../../contract/machines.js';
import { ApiError } from '../../contract/queue.js';
import { databaseFileName, serverMigrations } from '../app.js';
import { systemClock } from '../clock.js';
import { demoSiteConfig } from '../demo/seed.js';
import { writeMachineCredential } from '../machines/credential-file.js';
import { MachineRegistry } from '../machines/registry.js';
import { machineIdProblem } from '../machines/site-rules.js';
import { openDatabase } from '../store/database.js';
import { defaultDataDir } from './data-dir.js';
import { checkSiteConfigFile } from './site-config.js';

const dataOption = ['--data <dir>', 'folder of the SQLite file (default: the per-user data folder)'] as const;

const machineId = (value: string) => {
  const parsed = MachineId.safeParse(value);
  if (!parsed.success)
    throw new InvalidArgumentError(`"${value}" ${parsed.error.issues[0]?.message ?? 'is not valid'}.`);
  return parsed.data;
};
const machineRole = (value: string) => {
  const parsed = MachineRole.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`the role is one of ${MachineRole.options.join(', ')}.`);
  return parsed.data;
};
const minutes = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 24 * 60)
    throw new InvalidArgumentError('a whole number of minutes from 1 to 1440.');
  return number;
};
const HubUrl = z.url({ protocol: /^https?$/ });
const hubUrl = (value: string) => {
  if (!HubUrl.safeParse(value).success)
    throw new InvalidArgumentError(`"${value}" is not the hub's address (e.g. http://192.168.1.10:8080).`);
  return value.replace(/\/+$/, '');
};

function openRegistry(data: string | undefined, settings: Partial<MachinesConfig> = {}) {
  const file = join(data ?? defaultDataDir(), databaseFileName);
  const db = openDatabase(file, serverMigrations());
  return { file, registry: new MachineRegistry(db, systemClock, settings), close: () => db.close() };
}

function fail(message: string, exitCode = 1): never {
  console.error(message);
  process.exit(exitCode);
}

/** The hub's site config, when the command needs it to check a kiosk id. */
function siteConfigFrom(options: { config?: string; demo?: boolean }): SiteConfig | null {
  if (options.demo) return demoSiteConfig();
  if (!options.config) return null;
  const check = checkSiteConfigFile(options.config);
  if (check.ok) return check.config;
  return fail(
    `${options.config} is not a valid site config:\n${check.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
  );
}

const shown = (time: string | null) => time ?? '-';

/** Hub clock minus machine clock: positive means the machine's clock is behind. */
function shownOffset(machine: MachineSummary, warnSeconds: number): string {
  const offset = machine.clockOffsetMs;
  if (offset === null) return '-';
  const seconds = Math.abs(offset) / 1000;
  const amount = seconds < 10 ? seconds.toFixed(1) : String(Math.round(seconds));
  const words = offset === 0 ? 'in step' : `${amount} s ${offset > 0 ? 'behind' : 'ahead'}`;
  return machine.clockOffsetOverBound ? `${words} (over ${warnSeconds} s: set its clock)` : words;
}

function printMachines(machines: readonly MachineSummary[], warnSeconds: number): void {
  if (machines.length === 0) {
    console.log('No machines enrolled yet: npm run fleet -- enrol <id> --role kiosk|desk|display');
    return;
  }
  const rows = [
    ['machine', 'role', 'enrolled', 'last seen', 'clock', 'config', 'revoked', 'code expires'],
    ...machines.map((m) => [
      m.machineId,
      m.role,
      shown(m.enrolledAt),
      shown(m.lastSeenAt),
      shownOffset(m, warnSeconds),
      m.configVersion ?? '-',
      shown(m.revokedAt),
      shown(m.codeExpiresAt),
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}

export function registerFleetCommands(program: Command): void {
  const fleet = program.command('fleet').description('machines of the office: enrol, list, revoke, join');

  fleet
    .command('enrol')
    .argument('<id>', 'the machine id (for a kiosk: its id in the site config)', machineId)
    .requiredOption('--role <role>', `the machine's role: ${MachineRole.options.join(', ')}`, machineRole)
    .option('--config <file>', "the hub's site config, to check a kiosk's id")
    .option('--demo', 'check a kiosk id against the demo site')
    .option('--expires-minutes <n>', 'how long the code may be used', minutes, 30)
    .option(...dataOption)
    .description('on the hub: make a one-time code the machine joins with (npm run fleet -- join)')
    .action(
      async (
        id: MachineId,
        options: { role: MachineRole; config?: string; demo?: boolean; expiresMinutes: number; data?: string },
      ) => {
        if (options.role === 'kiosk') {
          const config = siteConfigFrom(options);
          if (!config)
            fail(
              `A kiosk's id must be one of the kiosks in the hub's site config: give it with --config FILE (or --demo for the demo site).`,
              2,
            );
          const problem = machineIdProblem(config, id, options.role);
          if (problem) fail(problem);
        }
        const { registry, close } = openRegistry(options.data);
        const made = await registry.newCode(id, options.role, options.expiresMinutes);
        close();
        if (!made.ok)
          fail(
            `${id} is enrolled as a ${made.enrolledAs}: revoke it first (npm run fleet -- revoke ${id}) to enrol it as a ${options.role}.`,
          );
        console.log(`Enrolment code for ${id} (${options.role}): ${made.code}`);
        console.log(`It works once, for ${id} only, until ${made.expiresAt} (${options.expiresMinutes} minutes).`);
        console.log(`On ${id}: npm run fleet -- join --hub http://<this hub>:8080 --id ${id} --code ${made.code}`);
      },
    );

  fleet
    .command('list')
    .option('--config <file>', "the hub's site config, for its machines.clockOffsetWarnSeconds")
    .option('--demo', 'the demo site')
    .option(...dataOption)
    .description(
      'on the hub: every machine, its role, when it joined, was last seen, its clock offset and config version, or was revoked',
    )
    .action((options: { config?: string; demo?: boolean; data?: string }) => {
      const settings = siteConfigFrom(options)?.machines ?? MachinesConfig.parse({});
      const { registry, close } = openRegistry(options.data, settings);
      const machines = registry.list();
      close();
      printMachines(machines, settings.clockOffsetWarnSeconds);
    });

  fleet
    .command('revoke')
    .argument('<id>', 'the machine id', machineId)
    .option(...dataOption)
    .description("on the hub: refuse the machine's credential from its next request, and cancel its waiting code")
    .action((id: MachineId, options: { data?: string }) => {
      const { file, registry, close } = openRegistry(options.data);
      const revoked = registry.revoke(id);
      close();
      if (!revoked) fail(`No machine "${id}" in ${file}: npm run fleet -- list shows the machines.`);
      console.log(`${id} is revoked (since ${shown(revoked.revokedAt)}): the hub refuses its credential from now on.`);
      console.log(
        `To bring it back: npm run fleet -- enrol ${id} --role ${revoked.role}, then join again on the machine.`,
      );
    });

  fleet
    .command('join')
    .requiredOption('--hub <url>', "the hub's address, e.g. http://192.168.1.10:8080", hubUrl)
    .requiredOption('--id <id>', "this machine's id, as facilities enrolled it", machineId)
    .requiredOption('--code <code>', 'the enrolment code facilities gave you')
    .option(...dataOption)
    .description("on the machine: exchange the enrolment code for this machine's credential and keep it")
    .action(async (options: { hub: string; id: MachineId; code: string; data?: string }) => {
      let response: Response;
      try {
        response = await fetch(`${options.hub}/api/machines/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ machineId: options.id, code: options.code }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        fail(
          `Cannot reach the hub at ${options.hub} (${error instanceof Error ? error.message : String(error)}): check the address and that the hub is running.`,
        );
      }
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        const refusal = ApiError.safeParse(body);
        fail(`The hub refused: ${refusal.success ? refusal.data.error.message : `HTTP ${response.status}`}`);
      }
      const enrolled = EnrolResponse.safeParse(body);
      if (!enrolled.success) fail(`The hub at ${options.hub} did not answer like a Reception Kiosk hub.`);
      const file = writeMachineCredential(options.data ?? defaultDataDir(), {
        hubUrl: options.hub,
        ...enrolled.data,
      });
      console.log(`${enrolled.data.machineId} joined ${options.hub} as a ${enrolled.data.role}.`);
      console.log(`Its credential is in ${file} (readable by this user only).`);
    });
}
