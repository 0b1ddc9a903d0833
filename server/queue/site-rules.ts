/**
 * What the schema alone cannot say about a site config: ids that must be unique, references that
 * must exist, a time zone the runtime knows. Each problem names its field path.
 */
import type { SiteConfig } from '../../contract/config.js';
import { isKnownTimeZone } from '../zoned-time.js';

export interface ConfigProblem {
  path: string;
  message: string;
}

export function siteConfigProblems(config: SiteConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const duplicates = <T>(items: readonly T[], key: (item: T) => string, path: string, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const value = key(item);
      const first = seen.get(value);
      if (first !== undefined)
        problems.push({ path: `${path}.${index}`, message: `${what} "${value}" is also used by ${path}.${first}` });
      else seen.set(value, index);
    });
  };
  if (!isKnownTimeZone(config.site.timeZone))
    problems.push({
      path: 'site.timeZone',
      message: `"${config.site.timeZone}" is not an IANA time zone (e.g. "Europe/London")`,
    });
  duplicates(config.services, (s) => s.id, 'services', 'service id');
  duplicates(config.services, (s) => s.prefix, 'services', 'ticket prefix');
  duplicates(config.desks, (d) => d.id, 'desks', 'desk id');
  duplicates(config.kiosks, (k) => k.id, 'kiosks', 'kiosk id');
  // Two kiosks of one series would give the same offline numbers (docs/queue.md "Offline tickets").
  const seriesHolder = new Map<string, number>();
  config.kiosks.forEach((kiosk, index) => {
    if (kiosk.offlineSeries === undefined) return;
    const first = seriesHolder.get(kiosk.offlineSeries);
    if (first !== undefined)
      problems.push({
        path: `kiosks.${index}.offlineSeries`,
        message: `offline series "${kiosk.offlineSeries}" is also used by kiosks.${first}`,
      });
    else seriesHolder.set(kiosk.offlineSeries, index);
  });
  const serviceIds = new Set(config.services.map((s) => s.id));
  config.desks.forEach((desk, d) =>
    desk.services.forEach((service, s) => {
      if (!serviceIds.has(service))
        problems.push({ path: `desks.${d}.services.${s}`, message: `there is no service "${service}" in "services"` });
    }),
  );
  return problems;
}
