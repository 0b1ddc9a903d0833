/** A machine's credential on its own disk: owner-only, read back as written, refused when exposed or broken. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MachineCredentialFile } from '../../contract/machines.js';
import {
  CredentialFileError,
  credentialFilePath,
  readMachineCredential,
  writeMachineCredential,
} from '../../server/machines/credential-file.js';

const posix = process.platform !== 'win32';
const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'machine-credential-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const stored: MachineCredentialFile = {
  hubUrl: 'http://192.168.1.10:8080',
  machineId: 'kiosk-2',
  role: 'kiosk',
  credential: 'c'.repeat(43),
};

const refusal = (dir: string): string => {
  try {
    readMachineCredential(dir);
  } catch (error) {
    if (error instanceof CredentialFileError) return error.message;
    throw error;
  }
  throw new Error('the credential file was accepted');
};

describe('the machine credential file', () => {
  it.skipIf(!posix)('is written owner-only (0600 in a 0700 folder) and read back as written', () => {
    const dir = dataDir();
    const file = writeMachineCredential(dir, stored);
    expect(file).toBe(credentialFilePath(dir));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'machine')).mode & 0o777).toBe(0o700);
    expect(readMachineCredential(dir)).toEqual(stored);
  });

  it('replaces an earlier credential', () => {
    const dir = dataDir();
    writeMachineCredential(dir, stored);
    writeMachineCredential(dir, { ...stored, credential: 'd'.repeat(43) });
    expect(readMachineCredential(dir).credential).toBe('d'.repeat(43));
  });

  it.skipIf(!posix)('is refused when other users may read it (0644), saying to revoke and join again', () => {
    const dir = dataDir();
    const file = writeMachineCredential(dir, stored);
    chmodSync(file, 0o644);
    const message = refusal(dir);
    expect(message).toContain('mode 0644, must be 0600');
    expect(message).toContain('npm run fleet -- enrol');
  });

  it.skipIf(!posix)('is refused when its folder is open to other users', () => {
    const dir = dataDir();
    writeMachineCredential(dir, stored);
    chmodSync(join(dir, 'machine'), 0o755);
    expect(refusal(dir)).toContain('mode 0755, must be 0700');
  });

  it('is refused when it is not JSON, or not a credential (naming the field)', () => {
    const dir = dataDir();
    mkdirSync(join(dir, 'machine'), { mode: 0o700 });
    writeFileSync(credentialFilePath(dir), '{ "hubUrl": ', { mode: 0o600 });
    expect(refusal(dir)).toContain('is not valid JSON');
    writeFileSync(credentialFilePath(dir), JSON.stringify({ ...stored, role: 'hub' }), { mode: 0o600 });
    expect(refusal(dir)).toContain('"role"');
  });

  it('says the machine has not joined when there is no file', () => {
    expect(refusal(dataDir())).toContain('has not joined a hub yet');
  });
});
