/** The site config gives each kiosk its own offline series: two kiosks of one letter are refused. */
import { describe, expect, it } from 'vitest';
import { SiteConfig } from '../../contract/config.js';
import { offlineSeriesByKiosk } from '../../contract/agent.js';
import { siteConfigProblems } from '../../server/queue/site-rules.js';
import { twoKioskSite } from './offline-hub.js';

const withSeries = (...series: Array<string | undefined>) => {
  const site = twoKioskSite();
  return SiteConfig.parse({
    ...site,
    kiosks: series.map((letter, i) => ({
      id: `kiosk-${i + 1}`,
      name: `Kiosk ${i + 1}`,
      ...(letter ? { offlineSeries: letter } : {}),
    })),
  });
};

describe('offline series in the site config', () => {
  it('names the second kiosk given a series already taken', () => {
    expect(siteConfigProblems(withSeries('C', undefined, 'C'))).toEqual([
      { path: 'kiosks.2.offlineSeries', message: 'offline series "C" is also used by kiosks.0' },
    ]);
  });

  it('accepts series given to some kiosks; the others take the free letters in kiosk order', () => {
    const config = withSeries(undefined, 'A', undefined);
    expect(siteConfigProblems(config)).toEqual([]);
    expect([...offlineSeriesByKiosk(config.kiosks)]).toEqual([
      ['kiosk-1', 'B'],
      ['kiosk-2', 'A'],
      ['kiosk-3', 'C'],
    ]);
  });
});
