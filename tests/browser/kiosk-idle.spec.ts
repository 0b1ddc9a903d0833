/**
 * Inactivity: a warning with a countdown and "I need more time"; then everything the resident chose
 * or entered is forgotten and the kiosk is back at the attract screen in the default language.
 * (`?idle=` and `?countdown=` shorten the timers; otherwise they come from the kiosk's site config,
 * `kiosks[].timers`, by default 60 s and 30 s.)
 * The page's clock is stopped: its timers fire only when a test moves it, so what the countdown shows
 * and when the kiosk resets never depend on how busy the machine is.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { kioskUrl, openKioskWithStoppedClock, startVisit, words } from './kiosk-helpers';

test.beforeEach(async ({ page }) => {
  await page.clock.install();
});

test('the warning gives at least 20 seconds by default, and "I need more time" keeps everything', async ({
  page,
  hub,
}) => {
  await openKioskWithStoppedClock(page, kioskUrl(hub, 'idle=1'));
  await startVisit(page, 'en');
  await page.getByRole('button', { name: words.en.tickets }).click();
  await page.getByRole('checkbox', { name: words.en.assistance }).check();

  const dialog = page.getByRole('alertdialog', { name: words.en.stillThere });
  await page.clock.runFor(1_000);
  await expect(dialog).toBeVisible();
  const seconds = Number(/in (\d+) seconds/.exec((await dialog.textContent()) ?? '')?.[1]);
  expect(seconds).toBeGreaterThanOrEqual(20);
  await expect(page.getByRole('button', { name: words.en.moreTime })).toBeFocused();
  await page.clock.runFor(19_000); // still there to answer 19 s later
  await expect(dialog).toBeVisible();
  await page.getByRole('button', { name: words.en.moreTime }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('checkbox', { name: words.en.assistance })).toBeChecked();
});

test('after the countdown the visit is forgotten: language, display modes, choices and the ticket on screen', async ({
  page,
  hub,
}) => {
  await openKioskWithStoppedClock(page, kioskUrl(hub, 'idle=2&countdown=2&return=600'));
  await startVisit(page, 'ar');
  await page.getByRole('button', { name: words.ar.largeText }).click();
  await page.getByRole('button', { name: words.ar.highContrast }).click();
  await expect(page.locator('html')).toHaveAttribute('data-text', 'large');
  await page.getByRole('button', { name: words.ar.tickets }).click();
  await page.getByRole('checkbox', { name: words.ar.assistance }).check();
  await page.getByRole('button', { name: words.ar.housing, exact: true }).click();
  const heading = page.getByRole('heading', { level: 1, name: words.ar.ticketHeading });
  await expect(heading).toBeVisible();
  const number = words.ar.ticketHeading.exec((await heading.textContent()) ?? '')?.[1] ?? 'none';

  // Touching anything stops the finished screen's own return, so only inactivity clears it now.
  await page.getByText('الخدمة: السكن').click();
  await page.clock.runFor(2_000);
  await expect(page.getByRole('alertdialog', { name: words.ar.stillThere })).toBeVisible();
  await page.clock.runFor(2_000);
  await expect(page.getByRole('heading', { level: 1, name: words.en.welcome })).toBeVisible();

  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('html')).not.toHaveAttribute('data-text', /./);
  await expect(page.locator('html')).not.toHaveAttribute('data-contrast', /./);
  await expect(page.getByRole('button', { name: words.en.largeText })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByText(number)).toHaveCount(0);
  await startVisit(page, 'en');
  await page.getByRole('button', { name: words.en.tickets }).click();
  await expect(page.getByRole('checkbox', { name: words.en.assistance })).not.toBeChecked();
});

test('an untouched attract screen is left alone: no warning for nobody', async ({ page, hub }) => {
  await openKioskWithStoppedClock(page, kioskUrl(hub, 'idle=1&countdown=1'));
  await expect(page.getByRole('heading', { level: 1, name: words.en.welcome })).toBeVisible();
  await page.clock.runFor(2_500);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  // The same time once a visit has started does bring the warning: the clock really moved the timers.
  await startVisit(page, 'en');
  await page.clock.runFor(1_000);
  await expect(page.getByRole('alertdialog', { name: words.en.stillThere })).toBeVisible();
});

test.describe('timers from the site config', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kiosk-timers-'));
  const site = JSON.parse(readFileSync('server/demo/site.json', 'utf8')) as { kiosks: Array<Record<string, unknown>> };
  const kiosk = site.kiosks[0];
  if (kiosk) kiosk.timers = { idleSeconds: 10, countdownSeconds: 25, returnSeconds: 15 };
  const configFile = join(folder, 'site.json');
  writeFileSync(configFile, JSON.stringify(site));
  test.use({ hubOptions: { configFile } });
  test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test("the kiosk's own idle time and countdown apply without URL parameters", async ({ page, hub }) => {
    await openKioskWithStoppedClock(page, `${hub.url}/kiosk?kiosk=kiosk-1`);
    await startVisit(page, 'en');
    const dialog = page.getByRole('alertdialog', { name: words.en.stillThere });
    // Not after the built-in 60 s: after this kiosk's 10 s, with its 25 s countdown.
    await page.clock.runFor(9_000);
    await expect(dialog).toHaveCount(0);
    await page.clock.runFor(1_000);
    await expect(dialog).toBeVisible();
    expect(Number(/in (\d+) seconds/.exec((await dialog.textContent()) ?? '')?.[1])).toBeGreaterThan(20);
    expect(Number(/in (\d+) seconds/.exec((await dialog.textContent()) ?? '')?.[1])).toBeLessThanOrEqual(25);
  });
});
