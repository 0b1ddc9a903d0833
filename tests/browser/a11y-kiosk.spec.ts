/**
 * axe-core on every kiosk screen, in English and Arabic, in normal, large-text and high-contrast
 * modes (tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa): zero violations. Also every control is
 * at least 64 × 64 CSS px (the kiosk's own rule, stricter than WCAG 2.5.8's 24 px).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { kioskUrl, words, type Lang } from './kiosk-helpers';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
type Mode = 'normal' | 'large-text' | 'high-contrast';

async function checkScreen(page: Page, screen: string): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe on "${screen}"`).toEqual([]);
  expect(results.passes.length, 'axe ran its rules').toBeGreaterThan(10);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="button"]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({
        el,
        box: el.getBoundingClientRect(),
        label: el.closest('label, .check')?.getBoundingClientRect(),
      }))
      .filter(({ box, label }) => Math.max(box.height, label?.height ?? 0) < 64 || box.width < 64)
      .map(
        ({ el, box }) =>
          `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
      ),
  );
  expect(small, `touch targets under 64 px on "${screen}"`).toEqual([]);
}

async function setMode(page: Page, lang: Lang, mode: Mode): Promise<void> {
  if (mode === 'large-text') await page.getByRole('button', { name: words[lang].largeText }).click();
  if (mode === 'high-contrast') await page.getByRole('button', { name: words[lang].highContrast }).click();
}

for (const lang of ['en', 'ar'] as const) {
  for (const mode of ['normal', 'large-text', 'high-contrast'] as const) {
    test(`every kiosk screen passes axe: ${lang}, ${mode}`, async ({ page, hub }) => {
      test.setTimeout(120_000);
      const w = words[lang];
      await page.goto(kioskUrl(hub, 'idle=600&return=600'));
      if (lang === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
      await setMode(page, lang, mode);
      await checkScreen(page, 'attract');
      await page.getByRole('button', { name: w.start }).click();
      await checkScreen(page, 'home');

      await page.getByRole('button', { name: w.tickets }).click();
      await page.getByRole('button', { name: w.housing, exact: true }).waitFor();
      await checkScreen(page, 'choose service');
      await page.getByRole('button', { name: w.housing, exact: true }).click();
      await expect(page.getByRole('status')).toHaveText(w.takeTicket);
      await checkScreen(page, 'ticket');

      await page.getByRole('button', { name: w.feedback }).click();
      await checkScreen(page, 'feedback faces');
      await page.getByRole('button', { name: w.good, exact: true }).click();
      await checkScreen(page, 'feedback reasons');
      await page.getByRole('button', { name: w.helpfulStaff }).click();
      await checkScreen(page, 'feedback thanks');

      await page.getByRole('button', { name: w.home }).click();
      await page.getByRole('button', { name: w.information }).click();
      await page.getByRole('button', { name: w.repairs, exact: true }).waitFor();
      await checkScreen(page, 'information list');
      await page.getByRole('button', { name: w.repairs, exact: true }).click();
      await page.getByRole('img', { name: /QR/ }).waitFor();
      await checkScreen(page, 'information page');
      await page.getByRole('button', { name: w.print }).click();
      await expect(page.getByRole('status').filter({ hasText: w.printed })).toBeVisible();
      await checkScreen(page, 'information page, printed');

      await page.getByRole('button', { name: w.home }).click();
      await page.getByRole('button', { name: w.payments }).click();
      await checkScreen(page, 'pay a bill');

      await page.getByRole('button', { name: w.home }).click();
      await page.getByRole('button', { name: lang === 'ar' ? 'تغيير اللغة' : 'Change language' }).click();
      await checkScreen(page, 'language');
    });

    test(`the inactivity warning and desk-side faces pass axe: ${lang}, ${mode}`, async ({ page, hub }) => {
      const w = words[lang];
      await page.goto(kioskUrl(hub, 'idle=1&countdown=600'));
      if (lang === 'ar') await page.getByRole('button', { name: 'العربية' }).click();
      await setMode(page, lang, mode);
      await page.getByRole('button', { name: w.start }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible({ timeout: 5_000 });
      await checkScreen(page, 'inactivity warning');

      await page.goto(`${hub.url}/kiosk?mode=desk&desk=desk-1&lang=${lang}`);
      await setMode(page, lang, mode);
      await checkScreen(page, 'desk-side faces');
    });
  }
}
