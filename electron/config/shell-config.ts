/**
 * The shell config (JSON, one per machine): which role this machine plays, where its server is, and
 * the lockdown knobs. The site config (contract/config.ts) says what the office offers; this file
 * says what this one box is. Unknown keys are refused so a typo names itself.
 *
 * Found at `--shell-config PATH`, else $KIOSK_SHELL_CONFIG, else `<userData>/shell.json`; when none
 * exists the shell runs the demo site (as `npm start` does in browser mode).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ShellRole } from '../../contract/ipc.js';
import { pinHashPattern } from '../policy/admin-pin.js';
import { semverPattern } from '../policy/update-feed.js';
import { hhmmPattern } from '../policy/update-window.js';

const Id = z.string().regex(/^[a-z0-9-]{1,60}$/, 'use 1–60 lower-case letters, digits or "-"');

export const EmbeddedServer = z.strictObject({
  mode: z.literal('embedded'),
  /** Site config file (contract/config.ts); relative to this file. */
  siteConfig: z.string().min(1).optional(),
  /** Run the demo site instead of a site config (trials and training only). */
  demo: z.boolean().default(false),
  /** 127.0.0.1 for a single kiosk; 0.0.0.0 for a hub that desks and displays reach. */
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 = any free port (fine for a single kiosk: only this machine connects). */
  port: z.number().int().min(0).max(65_535).default(0),
  /** Folder for the SQLite file; default: the app's user-data folder. Relative to this file. */
  dataDir: z.string().min(1).optional(),
});

export const HubServer = z.strictObject({
  mode: z.literal('hub'),
  /** The site hub, e.g. https://hub.mandela-house.council.internal:8443 */
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
});

/**
 * A kiosk of an office with a hub: the kiosk agent runs in this process (its devices, payments and
 * feedback; tickets from the hub, offline tickets while the hub is away). The machine joins the hub
 * first with `npm run fleet -- join`, into `dataDir`.
 */
export const AgentServer = z.strictObject({
  mode: z.literal('agent'),
  /** Default: the hub the machine joined (its credential file says). */
  hubUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  /** Loopback port of the agent; 0 = any free port. */
  port: z.number().int().min(0).max(65_535).default(0),
  /** Folder of the machine credential and the agent's SQLite file; default: the app's user-data folder. */
  dataDir: z.string().min(1).optional(),
});

export const ShellConfig = z
  .strictObject({
    role: ShellRole,
    /** This kiosk's id in the site config (`kiosks[].id`); required for role "kiosk". */
    kioskId: Id.optional(),
    server: z.discriminatedUnion('mode', [EmbeddedServer, HubServer, AgentServer]),
    /** Facilities exit PIN, as a hash from `npx tsx electron/tools/hash-pin.ts`; absent = no exit. */
    adminPinHash: z.string().regex(pinHashPattern, 'must be a hash printed by electron/tools/hash-pin.ts').optional(),
    /** Developer tools in the window. Never on a public kiosk. */
    devTools: z.boolean().default(false),
    /** Web permissions the screens may be granted (Electron names); everything else is denied. */
    permissions: z.array(z.string().min(1)).default(['fullscreen']),
    watchdog: z
      .strictObject({
        heartbeatTimeoutSeconds: z.number().int().min(5).max(600).default(30),
        unresponsiveGraceSeconds: z.number().int().min(1).max(300).default(10),
        maxBackoffSeconds: z.number().int().min(1).max(3600).default(60),
      })
      .default({ heartbeatTimeoutSeconds: 30, unresponsiveGraceSeconds: 10, maxBackoffSeconds: 60 }),
    updates: z
      .strictObject({
        /** electron-updater generic provider: a folder on any web server holding latest*.yml. */
        url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
        /** Which builds this machine takes first (electron/policy/update-feed.ts): pilot, office or all. */
        ring: z.enum(['pilot', 'office', 'all']).default('all'),
        /** Stay on exactly this version (and go back to it), whatever the rings say. */
        pinVersion: z.string().regex(semverPattern, 'a version like "1.4.2"').optional(),
        checkEveryMinutes: z.number().int().min(5).default(60),
        maintenanceWindow: z
          .strictObject({
            from: z.string().regex(hhmmPattern, 'use HH:MM (24-hour)'),
            to: z.string().regex(hhmmPattern, 'use HH:MM (24-hour)'),
            timeZone: z.string().default('Europe/London'),
          })
          .default({ from: '02:00', to: '05:00', timeZone: 'Europe/London' }),
        /** Nobody has touched the machine for this long before an update restarts it. */
        minIdleSeconds: z.number().int().min(0).default(300),
      })
      .optional(),
  })
  .superRefine((config, ctx) => {
    if (config.role === 'kiosk' && !config.kioskId) {
      ctx.addIssue({
        code: 'custom',
        path: ['kioskId'],
        message: 'required when "role" is "kiosk" (the id of this kiosk in the site config)',
      });
    }
    if (config.role === 'hub' && config.server.mode !== 'embedded') {
      ctx.addIssue({
        code: 'custom',
        path: ['server', 'mode'],
        message: 'a hub runs the server itself: use "embedded"',
      });
    }
    if (config.server.mode === 'agent' && config.role !== 'kiosk') {
      ctx.addIssue({
        code: 'custom',
        path: ['server', 'mode'],
        message: 'only a kiosk runs a kiosk agent: a desk or display uses "hub"',
      });
    }
    if (config.server.mode === 'embedded' && !config.server.siteConfig && !config.server.demo) {
      ctx.addIssue({
        code: 'custom',
        path: ['server', 'siteConfig'],
        message: 'give the site config file (or "demo": true)',
      });
    }
    if (config.server.mode === 'embedded' && config.server.siteConfig && config.server.demo) {
      ctx.addIssue({
        code: 'custom',
        path: ['server', 'demo'],
        message: 'choose either "siteConfig" or "demo", not both',
      });
    }
    try {
      if (config.updates) new Intl.DateTimeFormat('en-GB', { timeZone: config.updates.maintenanceWindow.timeZone });
    } catch {
      ctx.addIssue({
        code: 'custom',
        path: ['updates', 'maintenanceWindow', 'timeZone'],
        message: 'not an IANA time zone (e.g. Europe/London)',
      });
    }
  });
export type ShellConfig = z.infer<typeof ShellConfig>;

/** The shell with no config file: the demo site, one kiosk, server in-process. */
export const demoShellConfig: ShellConfig = ShellConfig.parse({
  role: 'kiosk',
  kioskId: 'kiosk-1',
  server: { mode: 'embedded', demo: true },
});

export class ShellConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Shell config ${file} is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ShellConfigError';
  }
}

/** Every issue, each naming its field: `"server.url": must be an http:// or https:// URL`. */
export function describeShellConfigIssues(error: z.ZodError): string[] {
  return error.issues.map(
    (issue) => `${issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the file'}: ${issue.message}`,
  );
}

export function parseShellConfig(raw: unknown, file: string): ShellConfig {
  const result = ShellConfig.safeParse(raw);
  if (!result.success) throw new ShellConfigError(file, describeShellConfigIssues(result.error));
  const config = result.data;
  // Paths in the file are relative to the file, not to wherever the shell was started from.
  const base = dirname(resolve(file));
  if (config.server.mode === 'embedded' && config.server.siteConfig)
    config.server.siteConfig = resolve(base, config.server.siteConfig);
  if (config.server.mode !== 'hub' && config.server.dataDir)
    config.server.dataDir = resolve(base, config.server.dataDir);
  return config;
}

export function readShellConfigFile(file: string): ShellConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ShellConfigError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ShellConfigError(file, [`is not JSON (${(error as Error).message})`]);
  }
  return parseShellConfig(raw, file);
}

export interface ShellConfigSource {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** `<userData>/shell.json` */
  defaultFile: string;
}

/** Which file, and whether it was named explicitly (a named file that is missing is an error). */
export function locateShellConfig(source: ShellConfigSource): { file: string; explicit: boolean } {
  const index = source.argv.findIndex((arg) => arg === '--shell-config' || arg.startsWith('--shell-config='));
  if (index >= 0) {
    const arg = source.argv[index]!;
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : source.argv[index + 1];
    if (!value) throw new ShellConfigError('(command line)', ['"--shell-config" needs a file path']);
    return { file: resolve(value), explicit: true };
  }
  const fromEnv = source.env.KIOSK_SHELL_CONFIG;
  if (fromEnv) return { file: resolve(fromEnv), explicit: true };
  return { file: source.defaultFile, explicit: false };
}

export function loadShellConfig(source: ShellConfigSource): { config: ShellConfig; file: string | null } {
  const { file, explicit } = locateShellConfig(source);
  if (!explicit && !existsSync(file)) return { config: demoShellConfig, file: null };
  return { config: readShellConfigFile(file), file };
}
