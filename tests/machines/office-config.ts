/** A site of two kiosks with every secret the site config can hold, to check what a kiosk is given. */
import { SiteConfig } from '../../contract/config.js';
import { demoSiteConfig } from '../../server/demo/seed.js';

export const officeToken = 'office-token-0123456789';
export const ingestToken = 'ingest-token-9876543210';
export const forwardTo = 'http://office-hub.example:8080';

export function twoKioskConfig(): SiteConfig {
  const demo = demoSiteConfig();
  if (!demo.payments || !demo.feedback) throw new Error('the demo site has payments and feedback');
  return SiteConfig.parse({
    ...demo,
    kiosks: [
      {
        id: 'kiosk-1',
        name: 'Entrance kiosk',
        offers: ['tickets', 'payments', 'feedback'],
        devices: {
          ticketPrinter: { path: '/dev/ttyUSB-kiosk-1-tickets' },
          cardTerminal: { path: '/dev/ttyUSB-kiosk-1-terminal', password: '246810' },
        },
      },
      {
        id: 'kiosk-2',
        name: 'Upstairs kiosk',
        offlineSeries: 'A',
        devices: { cardTerminal: { path: '/dev/ttyUSB-kiosk-2-terminal', password: '135791' } },
      },
    ],
    payments: { ...demo.payments, office: { url: 'http://office-hub.example:8080/', token: officeToken }, ingestToken },
    feedback: { ...demo.feedback, forwardTo },
  });
}
