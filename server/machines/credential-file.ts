/**
 * A machine's own credential, kept in its data folder as machine/credential.json: the folder 0700
 * and the file 0600, so only the account the app runs as can read it. A file or folder others may
 * read is refused rather than used: the credential may have been copied and should be replaced.
 * On Windows the POSIX modes mean nothing: the data folder's ACL (per-user AppData) protects it.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MachineCredentialFile } from '../../contract/machines.js';

export const credentialFolderName = 'machine';
export const credentialFileName = 'credential.json';

export const credentialFilePath = (dataDir: string): string => join(dataDir, credentialFolderName, credentialFileName);

export class CredentialFileError extends Error {}

const checksModes = process.platform !== 'win32';
const othersMayAccess = (mode: number) => (mode & 0o077) !== 0;
const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, '0');

/** Writes the credential (replacing any earlier one in one rename); answers the file's path. */
export function writeMachineCredential(dataDir: string, value: MachineCredentialFile): string {
  const parsed = MachineCredentialFile.parse(value);
  const folder = join(dataDir, credentialFolderName);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (checksModes) chmodSync(folder, 0o700);
  const file = join(folder, credentialFileName);
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify(parsed, null, 2)}\n`, { mode: 0o600 });
  if (checksModes) chmodSync(partial, 0o600);
  renameSync(partial, file);
  return file;
}

/** The stored credential; throws CredentialFileError saying what is wrong and what to do. */
export function readMachineCredential(dataDir: string): MachineCredentialFile {
  const file = credentialFilePath(dataDir);
  const rejoin = 'ask facilities for a new enrolment code (npm run fleet -- enrol <id> on the hub) and join again';
  if (!existsSync(file))
    throw new CredentialFileError(`This machine has not joined a hub yet (no ${file}): ${rejoin}.`);
  if (checksModes) {
    const folderMode = statSync(join(dataDir, credentialFolderName)).mode;
    if (othersMayAccess(folderMode))
      throw new CredentialFileError(
        `The folder of ${file} is open to other users (mode ${octal(folderMode)}, must be 0700): the credential may have been read. Revoke this machine on the hub and ${rejoin}.`,
      );
    const fileMode = statSync(file).mode;
    if (othersMayAccess(fileMode))
      throw new CredentialFileError(
        `${file} is readable by other users (mode ${octal(fileMode)}, must be 0600): the credential may have been read. Revoke this machine on the hub and ${rejoin}.`,
      );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CredentialFileError(
      `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}): ${rejoin}.`,
    );
  }
  const parsed = MachineCredentialFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `"${issue.path.join('.')}": ` : '';
    throw new CredentialFileError(
      `${file} is not a machine credential (${where}${issue?.message ?? 'invalid'}): ${rejoin}.`,
    );
  }
  return parsed.data;
}
