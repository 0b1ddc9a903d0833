/**
 * Where a machine looks for its updates. Rings are chosen per machine in its shell config, not by
 * electron-updater's random staging, so facilities know which kiosks take a build first:
 *
 *   <url>/pilot.yml, pilot-linux.yml      ring "pilot"  (a kiosk or two per office)
 *   <url>/office.yml, office-linux.yml    ring "office" (the rest of a trial office)
 *   <url>/latest.yml, latest-linux.yml    ring "all"
 *   <url>/pinned/<version>/latest*.yml    a machine pinned to one version
 *
 * The feed is authoritative: whatever version it names is installed, older or newer, so a rollback
 * is publishing the older build (for everyone, a ring, or under a pin) — downgrades are allowed.
 */
export type UpdateRing = 'pilot' | 'office' | 'all';

export interface UpdateFeed {
  /** The generic provider's folder. */
  url: string;
  /** electron-updater's channel: the name of the .yml it reads. */
  channel: string;
  allowDowngrade: boolean;
}

export const semverPattern = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

const channelOfRing: Record<UpdateRing, string> = { pilot: 'pilot', office: 'office', all: 'latest' };

export function updateFeedFor(updates: { url: string; ring: UpdateRing; pinVersion?: string | undefined }): UpdateFeed {
  const base = updates.url.endsWith('/') ? updates.url : `${updates.url}/`;
  if (updates.pinVersion !== undefined)
    return { url: `${base}pinned/${updates.pinVersion}/`, channel: 'latest', allowDowngrade: true };
  return { url: base, channel: channelOfRing[updates.ring], allowDowngrade: true };
}
