/** The demo site: its config and its one staff account (`demo` / `demo`), created only in demo mode. */
import { readFileSync } from 'node:fs';
import { SiteConfig } from '../../contract/config.js';
import type { StaffAccounts } from '../auth/staff.js';

export const demoSiteFile = new URL('./site.json', import.meta.url);

export function demoSiteConfig(overrides: { waitTargetSeconds?: number } = {}): SiteConfig {
  const config = SiteConfig.parse(JSON.parse(readFileSync(demoSiteFile, 'utf8')));
  return overrides.waitTargetSeconds === undefined
    ? config
    : { ...config, waitTargetSeconds: overrides.waitTargetSeconds };
}

export const demoStaff = { username: 'demo', password: 'demo', displayName: 'Demo Staff' } as const;

export async function seedDemo(staff: StaffAccounts): Promise<void> {
  await staff.upsert(demoStaff.username, demoStaff.password, demoStaff.displayName);
}
