/** Bad payments config is refused at start-up, naming the field: by `config check` and by the hub itself. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './support/processes.js';

interface EditableSite {
  payments?: { types: Array<{ id: string; maxPence: number; reference: { example: string; checkDigit: string } }> };
}
const demo = () =>
  JSON.parse(readFileSync('server/demo/site.json', 'utf8')) as EditableSite & {
    payments: NonNullable<EditableSite['payments']>;
  };

function typeAt(site: ReturnType<typeof demo>, index: number) {
  const type = site.payments.types[index];
  if (!type) throw new Error(`the demo site has no payment type ${index}`);
  return type;
}

function cli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('payments config at start-up', () => {
  it('config check names every payments field at fault', () => {
    const dir = tempDir('pay-config-');
    try {
      const site = demo();
      typeAt(site, 0).reference.example = '12345678';
      typeAt(site, 2).reference.checkDigit = 'mod97';
      typeAt(site, 3).maxPence = 50;
      const file = join(dir, 'site.json');
      writeFileSync(file, JSON.stringify(site));
      const result = cli(['config', 'check', file]);
      expect(result.status).toBe(1);
      const output = result.stdout + result.stderr;
      expect(output).toContain(
        'payments.types.0.reference.example: the example does not pass its own rule (check-digit)',
      );
      expect(output).toMatch(/payments\.types\.2\.reference\.checkDigit: .*"mod11"/);
      expect(output).toContain('payments.types.3.minPence: minPence is more than maxPence');
      // Once each type is right in itself, the list is checked as a whole.
      const duplicate = demo();
      typeAt(duplicate, 1).id = 'council-tax';
      writeFileSync(file, JSON.stringify(duplicate));
      const second = cli(['config', 'check', file]);
      expect(second.status).toBe(1);
      expect(second.stdout + second.stderr).toContain(
        'payments.types.1.id: payment type id "council-tax" is used twice',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the hub refuses to start when a kiosk offers payments and there is no payments section', () => {
    const dir = tempDir('pay-config-');
    try {
      const site: EditableSite = demo();
      delete site.payments;
      const file = join(dir, 'site.json');
      writeFileSync(file, JSON.stringify(site));
      const result = cli(['hub', '--config', file, '--port', '0', '--data', dir]);
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain(
        'kiosks.0.offers: offers "payments" but the site config has no "payments" section',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
