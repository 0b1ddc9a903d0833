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
  /** `key` answers undefined for an item that has no such value (it is skipped). */
  const duplicates = <T>(
    items: readonly T[],
    key: (item: T) => string | undefined,
    path: string,
    what: string,
    field?: string,
  ) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const value = key(item);
      if (value === undefined) return;
      const first = seen.get(value);
      if (first !== undefined)
        problems.push({
          path: `${path}.${index}${field ? `.${field}` : ''}`,
          message: `${what} "${value}" is also used by ${path}.${first}`,
        });
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
  duplicates(config.kiosks, (k) => k.offlineSeries, 'kiosks', 'offline series', 'offlineSeries');
  // One office per site: a kiosk-only server sends payments and feedback to the same office.
  const paymentsOffice = config.payments?.office?.url;
  const feedbackOffice = config.feedback?.forwardTo;
  if (paymentsOffice && feedbackOffice && new URL(paymentsOffice).origin !== new URL(feedbackOffice).origin)
    problems.push({
      path: 'feedback.forwardTo',
      message: `names another server than payments.office.url (${new URL(paymentsOffice).origin}): a site has one office`,
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
