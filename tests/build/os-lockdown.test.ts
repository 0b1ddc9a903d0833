/**
 * The OS lockdown files in build/linux/: the systemd units parse, the kiosk starts again after any exit
 * except the admin exit the shell really uses (read from electron/main.ts, so the two cannot drift),
 * and the Cage session passes the app's exit status on to systemd whatever Cage itself returns.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';

type Unit = Map<string, Map<string, string[]>>;

/** A systemd unit file: [Section] headers and Key=Value lines (a key may repeat); anything else is an error. */
function parseUnit(file: string): Unit {
  const unit: Unit = new Map();
  let section: Map<string, string[]> | undefined;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
      const header = /^\[([A-Za-z]+)\]$/.exec(trimmed);
      if (header) {
        section = new Map();
        unit.set(header[1]!, section);
        return;
      }
      const setting = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(trimmed);
      if (!setting || !section) throw new Error(`${file}:${index + 1}: not a [Section] or Key=Value line: ${line}`);
      section.set(setting[1]!, [...(section.get(setting[1]!) ?? []), setting[2]!]);
    });
  return unit;
}

const setting = (unit: Unit, section: string, key: string): string[] => unit.get(section)?.get(key) ?? [];

function adminExitCode(): number {
  const match = /adminExit:\s*(\d+)/.exec(readFileSync('electron/main.ts', 'utf8'));
  if (!match) throw new Error('electron/main.ts no longer declares exitCodes.adminExit');
  return Number(match[1]);
}

describe('build/linux/reception-kiosk.service', () => {
  const unit = parseUnit('build/linux/reception-kiosk.service');

  it('is a unit with a service started at boot into the graphical target', () => {
    expect([...unit.keys()]).toEqual(['Unit', 'Service', 'Install']);
    expect(setting(unit, 'Install', 'WantedBy')).toEqual(['graphical.target']);
    expect(setting(unit, 'Service', 'User')).toEqual(['kiosk']);
  });

  it('starts the kiosk again after any exit except the admin exit the shell uses', () => {
    expect(setting(unit, 'Service', 'Restart')).toEqual(['always']);
    const prevented = setting(unit, 'Service', 'RestartPreventExitStatus').flatMap((value) => value.split(/\s+/));
    expect(prevented).toEqual([String(adminExitCode())]);
    expect(setting(unit, 'Unit', 'StartLimitIntervalSec')).toEqual(['0']);
  });

  it('runs the session script shipped next to it', () => {
    const [execStart] = setting(unit, 'Service', 'ExecStart');
    expect(execStart).toBeDefined();
    expect(existsSync(join('build/linux', basename(execStart!)))).toBe(true);
  });
});

describe('build/linux/reception-hub.service', () => {
  const unit = parseUnit('build/linux/reception-hub.service');

  it('runs the compiled office server with plain Node on the office network, and always restarts it', () => {
    const [execStart] = setting(unit, 'Service', 'ExecStart');
    expect(execStart).toMatch(/^\/usr\/bin\/node dist-server\/main\.js hub /);
    expect(execStart).toContain('--host 0.0.0.0');
    expect(execStart).not.toContain('tsx');
    expect(setting(unit, 'Service', 'Restart')).toEqual(['always']);
    expect(setting(unit, 'Install', 'WantedBy')).toEqual(['multi-user.target']);
    const { scripts } = z
      .object({ scripts: z.record(z.string(), z.string()) })
      .parse(JSON.parse(readFileSync('package.json', 'utf8')));
    expect(scripts['build']).toContain('build:server');
  });
});

describe.skipIf(process.platform === 'win32')('build/linux/reception-kiosk-session', () => {
  /** Runs the session with stand-ins for Cage (returning 0 whatever its client did, as older Cages do) and the app. */
  function runSession(appStatus: number, cage: 'runs the app' | 'fails to start'): number | null {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-session-'));
    try {
      const fakeCage =
        cage === 'runs the app' ? '#!/bin/sh\n"$3" "$4"\nexit 0\n' : '#!/bin/sh\necho "no display" >&2\nexit 0\n';
      writeFileSync(join(dir, 'cage'), fakeCage);
      writeFileSync(join(dir, 'app'), `#!/bin/sh\nexit ${appStatus}\n`);
      chmodSync(join(dir, 'cage'), 0o755);
      chmodSync(join(dir, 'app'), 0o755);
      const result = spawnSync('build/linux/reception-kiosk-session', [], {
        encoding: 'utf8',
        env: { PATH: `${dir}:/usr/bin:/bin`, RUNTIME_DIRECTORY: dir, KIOSK_APP: join(dir, 'app') },
      });
      return result.status;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("exits with the app's status, so systemd sees the admin exit and every other exit", () => {
    expect(runSession(adminExitCode(), 'runs the app')).toBe(adminExitCode());
    expect(runSession(1, 'runs the app')).toBe(1);
    expect(runSession(2, 'runs the app')).toBe(2);
  });

  it('never reports an admin exit when Cage ends without the app having run', () => {
    expect(runSession(0, 'fails to start')).not.toBe(0);
  });
});

describe('build/linux udev rules', () => {
  it.each(['99-reception-kiosk-serial.rules', '99-reception-kiosk-touch.rules'])(
    '%s has only well-formed rules',
    (file) => {
      const rules = readFileSync(join('build/linux', file), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'));
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules)
        for (const pair of rule.split(/,\s*/))
          expect(pair, rule).toMatch(/^[A-Z_]+(\{[A-Za-z_]+\})?(==|!=|\+=|=|:=)"[^"]*"$/);
    },
  );

  it('gives every serial device a stable name under /dev/reception and keeps ModemManager off it', () => {
    const rules = readFileSync('build/linux/99-reception-kiosk-serial.rules', 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('SUBSYSTEM=="tty"'));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule).toMatch(/ATTRS\{idVendor\}=="[0-9a-f]{4}", ATTRS\{idProduct\}=="[0-9a-f]{4}", ATTRS\{serial\}=="/);
      expect(rule).toMatch(/SYMLINK\+="reception\/[a-z-]+"/);
      expect(rule).toContain('ENV{ID_MM_DEVICE_IGNORE}="1"');
    }
  });
});
