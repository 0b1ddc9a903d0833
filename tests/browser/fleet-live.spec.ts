/**
 * The fleet page with a real office behind it: a hub and two kiosk agents in this process (so the
 * test can take a printer's paper out and move the hub's clock), heartbeating as they do. One
 * kiosk's ticket printer runs out of paper and the other agent stops: /fleet shows both problems
 * in words, faults first, and passes axe.
 */
import { expect, test } from '@playwright/test';
import { defaultRendererDir } from '../../server/app';
import { startOffice, until, type Office } from '../agent/office';
import { expectNoAxeViolations } from './fixtures';

let office: Office | null = null;
test.afterEach(async () => {
  await office?.close();
  office = null;
});

test('a printer out of paper and a kiosk gone quiet show on /fleet in words, faults first', async ({ page }) => {
  office = await startOffice(undefined, { hubRendererDir: defaultRendererDir });
  const o = office;
  await o.staffToken();
  const a = await o.startAgent('kiosk-a', { heartbeatIntervalMs: 100 });
  const b = await o.startAgent('kiosk-b', { heartbeatIntervalMs: 100 });
  await until('both agents reach the hub', () => a.agent.link.state === 'online' && b.agent.link.state === 'online');

  await page.goto(`${o.hubUrl}/fleet`);
  await page.getByLabel('Username').fill('lead');
  await page.getByLabel('Password').fill('lead-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const kioskA = page.getByRole('article', { name: 'kiosk-a' });
  const kioskB = page.getByRole('article', { name: 'kiosk-b' });
  await expect(kioskA).toContainText('OK');
  await expect(kioskB).toContainText('OK');

  const printer = a.agent.server().ctx.devices.simulators?.('kiosk-a')?.ticketPrinter;
  if (!printer) throw new Error("kiosk-a's ticket printer is not simulated");
  printer.setPaperEnd(true);
  await b.agent.close();
  o.hubClock.advance(61_000);

  await expect(kioskA).toContainText(/Fault/);
  await expect(kioskA).toContainText(/Ticket printer: .*paper/i);
  await expect(kioskB).toContainText(/Not seen/);
  await expect(kioskB).toContainText('Not seen for 61 seconds.');
  const order = await page
    .locator('article[data-machine]')
    .evaluateAll((articles) => articles.map((article) => article.getAttribute('data-machine')));
  expect(order.indexOf('kiosk-a')).toBeLessThan(order.indexOf('kiosk-b'));
  await expectNoAxeViolations(page, 'the fleet page with a fault and a machine not seen');
});
