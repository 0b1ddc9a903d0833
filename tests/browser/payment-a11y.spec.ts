/**
 * axe-core (WCAG 2.0–2.2 A/AA tags) and the kiosk's 64 px touch-target rule on every payment screen,
 * in English and Arabic (right to left), normal, high contrast and large text — including the error states
 * (wrong reference, amount too high), the terminal prompt and the results.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../payments/support/browser-hub';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function checkScreen(page: Page, screen: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 }).first(), `a heading on "${screen}"`).toBeVisible({
    timeout: 20_000,
  });
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe on "${screen}"`).toEqual([]);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main a[href], main [role="button"]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 64 || box.width < 64)
      .map(
        ({ el, box }) =>
          `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
      ),
  );
  expect(small, `touch targets under 64 px on "${screen}"`).toEqual([]);
}

const keypad = (page: Page) => page.locator('.keypad');
const primary = (page: Page) => page.locator('main .actions .button').first();

const variants = [
  ['en', 'normal'],
  ['en', 'high-contrast'],
  ['en', 'large-text'],
  ['ar', 'normal'],
  ['ar', 'high-contrast'],
] as const;

for (const [lang, mode] of variants) {
  {
    test(`payment screens pass axe: ${lang}, ${mode}`, async ({ page, payments }) => {
      test.setTimeout(120_000);
      payments.sim.next('timeout');
      payments.sim.next('approve');
      await page.goto(`${payments.url}/kiosk?kiosk=kiosk-1&idle=600&return=600`);
      if (lang === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
      await page.locator('.button--start').click();
      if (mode === 'large-text') await page.locator('.settings button').nth(0).click();
      if (mode === 'high-contrast') await page.locator('.settings button').nth(1).click();
      await page.locator('.tile').nth(1).click(); // "Pay a bill"
      await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      await checkScreen(page, 'choose type');
      await page.locator('.button--choice').first().click(); // council tax
      await keypad(page).getByRole('button', { name: '1', exact: true }).click();
      await checkScreen(page, 'reference');
      for (const key of '2345678') await keypad(page).getByRole('button', { name: key, exact: true }).click();
      await expect(page.locator('.problem')).toBeVisible();
      await checkScreen(page, 'reference with a wrong check digit');
      await keypad(page).locator('.keypad__key--back').click();
      await keypad(page).getByRole('button', { name: '9', exact: true }).click();
      await primary(page).click();
      await expect(page.locator('.keypad__key').filter({ hasText: '.' })).toBeVisible();
      for (const key of '90000') await keypad(page).getByRole('button', { name: key, exact: true }).click();
      await expect(page.locator('.problem')).toBeVisible();
      await checkScreen(page, 'amount over the limit');
      await primary(page).click();
      await checkScreen(page, 'summary');
      await primary(page).click();
      await expect(page.getByTestId('terminal-prompt')).toBeVisible();
      await checkScreen(page, 'terminal prompt');
      await page.locator('main .actions .button').first().click(); // Cancel
      await expect(page.locator('main .actions .button')).toHaveCount(3, { timeout: 15_000 });
      await checkScreen(page, 'cancelled');
      await primary(page).click(); // Try again
      await primary(page).click(); // Pay
      await expect(page.locator('.notice--success')).toBeVisible({ timeout: 20_000 });
      await checkScreen(page, 'approved');
    });
  }
}
