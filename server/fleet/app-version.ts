/** This app's version, from package.json (read once; the packaged app keeps package.json beside the code). */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const PackageVersion = z.object({ version: z.string().min(1).max(40) });

let version: string | undefined;

export function appVersion(): string {
  version ??= PackageVersion.parse(
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')),
  ).version;
  return version;
}
