/** Which machine ids a site accepts: a kiosk must be one of the site config's kiosks. */
import type { SiteConfig } from '../../contract/config.js';
import type { MachineRole } from '../../contract/machines.js';

/** Why this id cannot be enrolled in this role at this site, or null. */
export function machineIdProblem(config: SiteConfig, machineId: string, role: MachineRole): string | null {
  if (role !== 'kiosk' || config.kiosks.some((kiosk) => kiosk.id === machineId)) return null;
  const known = config.kiosks.map((kiosk) => kiosk.id);
  return `"${machineId}" is not a kiosk in the site config of ${config.site.name} (${
    known.length > 0 ? `its kiosks: ${known.join(', ')}` : 'it has no kiosks'
  }): add it under "kiosks" in the site config first, or use the id the config gives it.`;
}
