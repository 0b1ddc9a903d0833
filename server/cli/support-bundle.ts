/**
 * `support-bundle [--data DIR] [--config FILE] [--out FILE]`: the support bundle (server/support/bundle.ts)
 * made from the files alone, with no server running: the hub or kiosk agent may be stopped, or
 * failing to start. It reads the SQLite file read-only, the logs in `<data>/logs`, and the site
 * config from --config (the hub's) or, on a kiosk, the config part the agent last fetched.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { databaseFileName } from '../app.js';
import { configCacheFile } from '../agent/config-cache.js';
import { systemClock } from '../clock.js';
import type { Db } from '../store/database.js';
import { bundleFileName, collectSupportBundle, writeSupportBundle } from '../support/bundle.js';
import { openDatabaseReadOnly } from '../support/database-facts.js';
import { defaultDataDir } from './data-dir.js';

interface FoundConfig {
  config: unknown;
  source: string | null;
}

/** The config as JSON, valid or not: a support bundle shows what is there. */
function readJsonFile(file: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return { ok: true, value };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

function findConfig(dataDir: string, configFile: string | undefined): FoundConfig {
  if (configFile) {
    const read = readJsonFile(configFile);
    if (!read.ok) {
      console.error(`${configFile} could not be read as JSON (${read.problem}): the bundle has no site config.`);
      return { config: null, source: `${configFile} (unreadable: ${read.problem})` };
    }
    return { config: read.value, source: resolve(configFile) };
  }
  const cached = configCacheFile(dataDir);
  if (existsSync(cached)) {
    const read = readJsonFile(cached);
    if (read.ok) {
      const part: unknown = read.value;
      const config = part !== null && typeof part === 'object' && 'config' in part ? part.config : part;
      return { config, source: `${cached} (the kiosk's part, as last fetched from the hub)` };
    }
  }
  return { config: null, source: null };
}

export function registerSupportBundleCommand(program: Command): void {
  program
    .command('support-bundle')
    .description('write a support bundle (.tar.gz): logs, versions, config and device states, without secrets')
    .option('--data <dir>', 'the data folder of the hub or kiosk agent (default: the per-user data folder)')
    .option('--config <file>', "the hub's site config file (a kiosk uses the config its agent last fetched)")
    .option('--out <file>', 'where to write the bundle (default: support-<site>-<time>.tar.gz here)')
    .action(async (options: { data?: string; config?: string; out?: string }) => {
      const dataDir = options.data ?? defaultDataDir();
      if (!existsSync(dataDir)) {
        console.error(`There is no data folder ${dataDir}: give the folder the hub or agent runs with, --data DIR.`);
        process.exitCode = 1;
        return;
      }
      const found = findConfig(dataDir, options.config);
      const databaseFile = join(dataDir, databaseFileName);
      let db: Db | null = null;
      if (existsSync(databaseFile)) {
        try {
          db = openDatabaseReadOnly(databaseFile);
        } catch (error) {
          console.error(
            `${databaseFile} could not be opened (${error instanceof Error ? error.message : String(error)}): the bundle has no database facts.`,
          );
        }
      }
      try {
        const bundle = collectSupportBundle({
          dataDir,
          clock: systemClock,
          madeBy: 'support-bundle command',
          config: found.config,
          configSource: found.source,
          db,
          liveDevices: null,
        });
        const out = resolve(options.out ?? bundleFileName(bundle, systemClock.now()));
        await writeSupportBundle(bundle, out);
        console.log(`Support bundle written to ${out} (${bundle.files.length} files).`);
        if (!found.config) console.log("It has no site config: give the hub's with --config FILE.");
      } finally {
        db?.close();
      }
    });
}
