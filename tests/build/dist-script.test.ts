/**
 * `npm run dist` on a machine without the Electron binary: one line that says what is missing,
 * exit 1, no stack trace, and nothing built first (it checks before building).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('npm run dist without the Electron binary', () => {
  it('says so in one line and exits 1 before building anything', () => {
    // The electron package looks for its binary here first: an empty folder is a missing binary.
    const noElectron = mkdtempSync(join(tmpdir(), 'no-electron-'));
    try {
      const result = spawnSync('npm', ['run', '--silent', 'dist', '--', '--linux'], {
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noElectron },
      });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^npm run dist needs the Electron binary: there is no Electron binary at .*no-electron-/,
      );
      expect(lines[0]).toContain('npm install electron');
    } finally {
      rmSync(noElectron, { recursive: true, force: true });
    }
  });
});
