/**
 * The kiosk's part of the site config, as last fetched from the hub, kept in the agent's data folder
 * so the kiosk starts and serves with the hub away. A part is checked before it is kept or used: it
 * must be a valid site config, hold this kiosk, and give it an offline series.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KioskConfigPart } from '../../contract/agent.js';
import { siteConfigProblems } from '../queue/site-rules.js';

export const configCacheFile = (dataDir: string): string => join(dataDir, 'agent', 'config.json');

/** Every reason this part cannot run this kiosk; empty when it can. */
export function configPartProblems(part: KioskConfigPart, kioskId: string): string[] {
  const problems = siteConfigProblems(part.config).map((p) => `${p.path}: ${p.message}`);
  const kiosk = part.config.kiosks.find((k) => k.id === kioskId);
  if (!kiosk) problems.push(`kiosks: the hub's config has no kiosk "${kioskId}"`);
  else if (!kiosk.offlineSeries) problems.push(`kiosks.${kioskId}.offlineSeries: missing, so it cannot issue offline`);
  return problems;
}

export function saveConfigPart(dataDir: string, part: KioskConfigPart): void {
  const file = configCacheFile(dataDir);
  mkdirSync(join(dataDir, 'agent'), { recursive: true });
  writeFileSync(`${file}.partial`, `${JSON.stringify(part, null, 2)}\n`);
  renameSync(`${file}.partial`, file);
}

/** The cached part, or null when there is none; a cache that is not a valid part is an error naming the file. */
export function loadConfigPart(dataDir: string): KioskConfigPart | null {
  const file = configCacheFile(dataDir);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`, {
      cause: error,
    });
  }
  const parsed = KioskConfigPart.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${file} is not a kiosk config part: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
