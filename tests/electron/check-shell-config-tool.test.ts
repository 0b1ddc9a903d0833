import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string;
const site = {
  site: { id: 'guildhall', name: 'Guildhall reception', councilName: 'Test City Council' },
  services: [{ id: 'housing', name: 'Housing', prefix: 'H' }],
  desks: [{ id: 'desk-1', name: 'Desk 1' }],
  kiosks: [{ id: 'kiosk-1', name: 'Entrance kiosk' }],
};

function check(shellConfig: object) {
  const file = join(dir, `shell-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(shellConfig));
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/tools/check-shell-config.ts', file], {
    encoding: 'utf8',
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'check-shell-'));
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checking a shell config before installing it', () => {
  it('says what a valid config does', () => {
    const result = check({ role: 'kiosk', kioskId: 'kiosk-1', server: { mode: 'embedded', siteConfig: 'site.json' } });
    expect(result.status).toBe(0);
    expect(result.out).toMatch(
      /valid \(role kiosk "kiosk-1", server: .*site\.json, in-process, admin exit off, updates off\)/,
    );
  });

  it('names every field at fault and fails', () => {
    const result = check({ role: 'kiosk', server: { mode: 'hub', url: 'hub.local' } });
    expect(result.status).toBe(1);
    expect(result.out).toContain('"kioskId": required when "role" is "kiosk"');
    expect(result.out).toContain('"server.url": must be an http:// or https:// URL');
  });

  it('checks the site config it names, and the kiosk id against it', () => {
    const result = check({ role: 'kiosk', kioskId: 'kiosk-7', server: { mode: 'embedded', siteConfig: 'site.json' } });
    expect(result.status).toBe(1);
    expect(result.out).toContain('"kioskId": "kiosk-7" is not one of the site\'s kiosks (kiosk-1)');
  });
});
