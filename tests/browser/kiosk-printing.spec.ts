/**
 * What comes out of the kiosk's printers, read back from the byte-for-byte ESC/POS simulators on
 * socat pseudo-terminals. The server runs in this test process (not as a child) so the test can
 * read the simulators and take the paper out.
 */
import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createServer, type HubServer } from '../../server/app.js';
import { demoSiteConfig } from '../../server/demo/seed.js';
import type { KioskSimulators } from '../../hardware/sim/kiosk-simulators.js';
import { words } from './kiosk-helpers';

interface InProcessHub {
  url: string;
  sims: KioskSimulators;
}

const test = base.extend<{ hub: InProcessHub }>({
  hub: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-print-'));
    const server: HubServer = await createServer({
      config: demoSiteConfig(),
      dataDir,
      simulateDevices: true,
      logger: pino({ level: 'silent' }),
    });
    const url = await server.listen(0);
    const sims = server.ctx.devices.simulators?.('kiosk-1');
    if (!sims) throw new Error('the demo kiosk has no simulated devices');
    await use({ url, sims });
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

test('the ticket from the kiosk prints with the number, service and estimated wait the screen shows', async ({
  page,
  hub,
}) => {
  for (let i = 0; i < 3; i++) {
    const issued = await fetch(`${hub.url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'repairs' }),
    });
    expect(issued.status).toBe(201);
  }
  await page.goto(`${hub.url}/kiosk?kiosk=kiosk-1`);
  await page.getByRole('button', { name: words.en.start }).click();
  await page.getByRole('button', { name: words.en.tickets }).click();
  await page.getByRole('button', { name: words.en.repairs, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your ticket is R004' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(words.en.takeTicket);
  await expect(page.getByText('3 people are ahead of you')).toBeVisible();
  const minutes = /About (\d+) minutes?/.exec(await page.locator('.ticket-wait').innerText())?.[1];
  expect(Number(minutes)).toBeGreaterThan(0);

  const printed = hub.sims.ticketPrinter?.lastText() ?? '';
  expect(printed).toContain('R004');
  expect(printed).toContain('Repairs');
  expect(printed).toContain('Number 4 in the queue');
  expect(printed).toContain(`about ${minutes} min`);
  expect(['full', 'partial']).toContain(hub.sims.ticketPrinter?.lastPage()?.cut);
});

test('when the ticket printer is out of paper the kiosk says so and keeps the number on screen', async ({
  page,
  hub,
}) => {
  hub.sims.ticketPrinter?.setPaperEnd(true);
  await page.clock.install();
  await page.goto(`${hub.url}/kiosk?kiosk=kiosk-1&return=1`);
  await page.getByRole('button', { name: 'العربية' }).click();
  await page.getByRole('button', { name: words.ar.start }).click();
  await page.getByRole('button', { name: words.ar.tickets }).click();
  await page.getByRole('button', { name: words.ar.housing, exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('الطابعة لا تعمل: يرجى تذكّر رقمك H001.');
  // No automatic return: after longer than the printed-ticket return time, the number is still there.
  // The page's clock is stopped here and moved by hand, so "longer" holds however busy the machine is.
  const pageNow = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(pageNow + 1_000);
  await page.clock.runFor(1_500);
  await expect(page.getByRole('heading', { level: 1, name: words.ar.ticketHeading })).toBeVisible();
  expect(hub.sims.ticketPrinter?.lastText() ?? '').not.toContain('H001');
});

test('"Print this" on an information page prints its title, key points and web address on the receipt printer', async ({
  page,
  hub,
}) => {
  await page.goto(`${hub.url}/kiosk?kiosk=kiosk-1`);
  await page.getByRole('button', { name: words.en.start }).click();
  await page.getByRole('button', { name: words.en.information }).click();
  await page.getByRole('button', { name: 'Opening hours', exact: true }).click();
  await page.getByRole('button', { name: words.en.print }).click();
  await expect(page.getByRole('status').filter({ hasText: words.en.printed })).toBeVisible();
  const slip = hub.sims.receiptPrinter?.lastText() ?? '';
  expect(slip).toContain('Opening hours');
  const onScreen = await page.locator('.key-points li').first().textContent();
  expect(slip.replace(/\s+/g, ' ')).toContain((onScreen ?? 'none').slice(0, 20));
  const page_ = (await (await fetch(`${hub.url}/api/info/pages/opening-hours?lang=en`)).json()) as { url: string };
  expect(slip.replace(/\s+/g, '')).toContain(page_.url.replace(/^https?:\/\//, ''));
});
